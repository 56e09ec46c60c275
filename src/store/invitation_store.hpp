// Invitations to companies; found by the SHA-256 of their link token.
#pragma once
#include <optional>
#include <string>

#include "domain/invitation.hpp"
#include "store/database.hpp"
#include "util/clock.hpp"

namespace reach {

class InvitationStore {
 public:
  explicit InvitationStore(Database& db) : db_(db) {}

  void insert(const Invitation& invitation, const std::string& token_hash);
  // A pending, unexpired invitation of this address to this company.
  std::optional<Invitation> find_pending(const std::string& company_id, const std::string& email, TimePoint now);
  // The pending, unexpired invitation a link token opens.
  std::optional<Invitation> find_by_token(const std::string& token_hash, TimePoint now);
  // A pending, unexpired invitation by id (for its mail job).
  std::optional<Invitation> find_pending_by_id(const std::string& invitation_id, TimePoint now);
  // A new link token for a pending invitation (the mail job issues it, so no token waits in the queue).
  bool set_token_hash(const std::string& invitation_id, const std::string& token_hash);
  // Pending → accepted or declined; false when it was no longer pending (a second click, a race).
  bool respond(const std::string& invitation_id, const std::string& status, TimePoint now);
  // Invitations sent since `since` by a company, or by a user (the rate limits).
  long long count_by_company_since(const std::string& company_id, const std::string& since);
  long long count_by_inviter_since(const std::string& user_id, const std::string& since);

 private:
  long long count_since(const char* column, const std::string& value, const std::string& since);
  Database& db_;
};

}  // namespace reach

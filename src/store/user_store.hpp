// Users and their single-use tokens (verification, password reset, invitation).
#pragma once
#include <optional>
#include <string>

#include "domain/user.hpp"
#include "store/database.hpp"
#include "util/clock.hpp"

namespace reach {

class UserStore {
 public:
  explicit UserStore(Database& db) : db_(db) {}

  std::optional<User> find_by_email(const std::string& email);
  std::optional<User> find_by_id(const std::string& id);
  // False when the email is already taken (the row is left untouched).
  bool insert(const User& user);
  void update_name(const std::string& user_id, const std::string& name, TimePoint now);
  // Also moves the token version on: access tokens issued before are refused.
  void update_password(const std::string& user_id, const std::string& password_hash, TimePoint now);
  // The version access tokens must carry; nothing when the user does not exist.
  std::optional<long long> token_version(const std::string& user_id);
  // Logout: every access token issued so far is refused.
  void revoke_access_tokens(const std::string& user_id, TimePoint now);
  void mark_verified(const std::string& user_id, TimePoint now);

  void insert_token(const std::string& token_hash, const std::string& user_id, const std::string& purpose,
                    TimePoint expires_at, TimePoint now);
  // Marks an unused, unexpired token of that purpose used and returns its user; nothing otherwise.
  // Atomic: of two concurrent consumers of one token, exactly one succeeds.
  std::optional<std::string> consume_token(const std::string& token_hash, const std::string& purpose, TimePoint now);
  // Spends every outstanding token of that purpose for the user (e.g. old reset links after a reset).
  void revoke_tokens(const std::string& user_id, const std::string& purpose, TimePoint now);

 private:
  std::optional<User> find_where(const char* column, const std::string& value);
  Database& db_;
};

}  // namespace reach

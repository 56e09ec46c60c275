// A company's mailbox (settings and sealed password), its sending throttle and its do-not-email list.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/mailbox.hpp"
#include "store/database.hpp"

namespace reach {

struct StoredMailbox {
  MailboxSettings settings;
  std::string sealed_password;
  TimePoint updated_at;
};

struct DoNotEmailEntry {
  std::string id, company_id, email, reason;
  TimePoint created_at;
};

class MailboxStore {
 public:
  explicit MailboxStore(Database& db) : db_(db) {}

  // Saves the mailbox and the company's account_email / account_type (the contract's fields).
  void put(const std::string& company_id, const StoredMailbox& mailbox);
  std::optional<StoredMailbox> find(const std::string& company_id);

  void put_throttle(const std::string& company_id, const EmailThrottle& t, TimePoint now);
  std::optional<EmailThrottle> throttle(const std::string& company_id);

  // Adds the (lower-case) address; keeps the first entry's reason when it is already listed. True when added.
  bool add_do_not_email(const DoNotEmailEntry& entry);
  bool remove_do_not_email(const std::string& company_id, const std::string& email);
  bool is_do_not_email(const std::string& company_id, const std::string& email);
  std::vector<DoNotEmailEntry> do_not_email(const std::string& company_id, long long offset, long long limit,
                                            long long* total);

 private:
  Database& db_;
};

}  // namespace reach

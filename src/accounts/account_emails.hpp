// The words of the mail Reach sends about accounts. Links point at the front end (REACH_PUBLIC_URL)
// and carry the token as ?token=<token>, the value the matching API call takes.
#pragma once
#include <string>

#include "domain/system_mailer.hpp"

namespace reach {

class AccountEmails {
 public:
  explicit AccountEmails(std::string public_url);

  SystemEmail verification(const std::string& to, const std::string& token) const;
  SystemEmail password_reset(const std::string& to, const std::string& token) const;
  SystemEmail invitation(const std::string& to, const std::string& company, const std::string& inviter,
                         const std::string& token) const;
  SystemEmail added_to_company(const std::string& to, const std::string& company, const std::string& inviter) const;

 private:
  std::string link(const std::string& page, const std::string& token) const;
  std::string public_url_;
};

}  // namespace reach

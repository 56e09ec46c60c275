// The words of the mail Reach sends about accounts. Links point at the front end (REACH_PUBLIC_URL)
// and carry the token as ?token=<token>, the value the matching API call takes.
#pragma once
#include <string>
#include <string_view>

#include "domain/system_mailer.hpp"

namespace reach {

// Text a user typed (a company or person name) as one plain line: controls and line breaks become
// spaces, runs of spaces one, at most max_chars characters; never empty (then `fallback`). Mail must not
// carry a tenant's paragraphs: a company name with newlines made Reach relay phishing text.
std::string one_line(std::string_view text, std::size_t max_chars, std::string_view fallback);

class AccountEmails {
 public:
  explicit AccountEmails(std::string public_url);

  SystemEmail verification(const std::string& to, const std::string& token) const;
  SystemEmail password_reset(const std::string& to, const std::string& token) const;
  // To an address without an account: the link sets a password and accepts (or declines).
  SystemEmail invitation(const std::string& to, const std::string& company, const std::string& inviter,
                         const std::string& token) const;
  // To an existing account: the link asks it to sign in and accept or decline.
  SystemEmail invitation_for_account(const std::string& to, const std::string& company, const std::string& inviter,
                                     const std::string& token) const;

 private:
  std::string link(const std::string& page, const std::string& token) const;
  std::string public_url_;
};

}  // namespace reach

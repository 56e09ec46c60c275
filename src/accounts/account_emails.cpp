#include "accounts/account_emails.hpp"

namespace reach {

AccountEmails::AccountEmails(std::string public_url) : public_url_(std::move(public_url)) {
  while (!public_url_.empty() && public_url_.back() == '/') public_url_.pop_back();
}

std::string AccountEmails::link(const std::string& page, const std::string& token) const {
  return public_url_ + "/" + page + "?token=" + token;
}

SystemEmail AccountEmails::verification(const std::string& to, const std::string& token) const {
  return {to, "Verify your Reach account",
          "Welcome to Reach.\n\nConfirm your email address to activate your account:\n\n" +
              link("verify", token) + "\n\nThe link works once and expires in 48 hours.\n"};
}

SystemEmail AccountEmails::password_reset(const std::string& to, const std::string& token) const {
  return {to, "Reset your Reach password",
          "Someone asked to reset the password of your Reach account.\n\nChoose a new password here:\n\n" +
              link("reset-password", token) +
              "\n\nThe link works once and expires in 1 hour. If it was not you, ignore this email.\n"};
}

SystemEmail AccountEmails::invitation(const std::string& to, const std::string& company, const std::string& inviter,
                                      const std::string& token) const {
  return {to, "You are invited to " + company + " on Reach",
          inviter + " invited you to join " + company + " on Reach.\n\nSet your password to accept:\n\n" +
              link("invite", token) + "\n\nThe link works once and expires in 7 days.\n"};
}

SystemEmail AccountEmails::added_to_company(const std::string& to, const std::string& company,
                                            const std::string& inviter) const {
  return {to, "You now have access to " + company + " on Reach",
          inviter + " added you to " + company + " on Reach. Sign in to see it.\n"};
}

}  // namespace reach

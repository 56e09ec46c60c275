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
          "Welcome to Reach.\n\nConfirm your email address to activate your account:\n\n" + link("verify", token) +
              "\n\nThe link works once and expires in 48 hours.\n"};
}

SystemEmail AccountEmails::password_reset(const std::string& to, const std::string& token) const {
  return {to, "Reset your Reach password",
          "Someone asked to reset the password of your Reach account.\n\nChoose a new password here:\n\n" +
              link("reset-password", token) +
              "\n\nThe link works once and expires in 1 hour. If it was not you, ignore this email.\n"};
}

SystemEmail AccountEmails::invitation(const std::string& to, const std::string& company, const std::string& inviter,
                                      const std::string& token) const {
  std::string c = "\"" + one_line(company, 60, "a company") + "\"", who = one_line(inviter, 60, "A colleague");
  return {to, "You are invited to " + c + " on Reach",
          who + " invited you to join " + c + " on Reach.\n\nSet your password to accept, or decline:\n\n" +
              link("invite", token) +
              "\n\nThe link expires in 7 days. If you do not know this company, ignore this email.\n"};
}

SystemEmail AccountEmails::invitation_for_account(const std::string& to, const std::string& company,
                                                  const std::string& inviter, const std::string& token) const {
  std::string c = "\"" + one_line(company, 60, "a company") + "\"", who = one_line(inviter, 60, "A colleague");
  return {to, "You are invited to " + c + " on Reach",
          who + " invited you to join " + c + " on Reach.\n\nSign in to accept or decline:\n\n" +
              link("invite", token) + "\n\nNothing changes until you accept. The link expires in 7 days.\n"};
}

std::string one_line(std::string_view text, std::size_t max_chars, std::string_view fallback) {
  std::string out;
  std::size_t chars = 0;
  bool pending_space = false;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7f || c == ' ') {
      pending_space = !out.empty();
      continue;
    }
    bool starts_character = (c & 0xC0) != 0x80;  // not a UTF-8 continuation byte
    if (starts_character && chars + (pending_space ? 2 : 1) > max_chars) break;
    if (pending_space && starts_character) {
      out += ' ';
      ++chars;
      pending_space = false;
    }
    out += ch;
    if (starts_character) ++chars;
  }
  return out.empty() ? std::string(fallback) : out;
}

}  // namespace reach

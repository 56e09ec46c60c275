#include "accounts/tokens.hpp"

#include "util/crypto.hpp"
#include "util/time_format.hpp"

namespace reach {
namespace {

const char* purpose_name(TokenPurpose p) {
  switch (p) {
    case TokenPurpose::verify_email:
      return "verify_email";
    case TokenPurpose::reset_password:
      return "reset_password";
    case TokenPurpose::accept_invite:
      return "accept_invite";
  }
  return "unknown";
}

}  // namespace

std::chrono::seconds TokenIssuer::lifetime(TokenPurpose p) {
  using namespace std::chrono_literals;
  switch (p) {
    case TokenPurpose::verify_email:
      return 48h;
    case TokenPurpose::reset_password:
      return 1h;
    case TokenPurpose::accept_invite:
      return 7 * 24h;
  }
  return 1h;
}

std::string TokenIssuer::issue(const std::string& user_id, TokenPurpose purpose) {
  std::string raw = random_token(rng_);
  auto now = clock_.now();
  users_.insert_token(sha256_hex(raw), user_id, purpose_name(purpose), now + lifetime(purpose), now);
  return raw;
}

std::optional<std::string> TokenIssuer::consume(const std::string& raw_token, TokenPurpose purpose) {
  if (raw_token.empty() || raw_token.size() > 256) return std::nullopt;
  return users_.consume_token(sha256_hex(raw_token), purpose_name(purpose), clock_.now());
}

void TokenIssuer::revoke_all(const std::string& user_id, TokenPurpose purpose) {
  users_.revoke_tokens(user_id, purpose_name(purpose), clock_.now());
}

}  // namespace reach

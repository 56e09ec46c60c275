// Single-use, expiring tokens sent in links (verify, reset, invite). The raw token goes to the user;
// only its SHA-256 is stored, so a database leak does not leak usable links.
#pragma once
#include <chrono>
#include <optional>
#include <string>

#include "store/user_store.hpp"
#include "util/clock.hpp"
#include "util/random.hpp"

namespace reach {

enum class TokenPurpose { verify_email, reset_password, accept_invite };

class TokenIssuer {
 public:
  TokenIssuer(UserStore& users, const Clock& clock, Rng& rng) : users_(users), clock_(clock), rng_(rng) {}

  std::string issue(const std::string& user_id, TokenPurpose purpose);
  // The token's user when it is valid for that purpose; the token is spent either way it is used.
  std::optional<std::string> consume(const std::string& raw_token, TokenPurpose purpose);
  void revoke_all(const std::string& user_id, TokenPurpose purpose);

  static std::chrono::seconds lifetime(TokenPurpose purpose);

 private:
  UserStore& users_;
  const Clock& clock_;
  Rng& rng_;
};

}  // namespace reach

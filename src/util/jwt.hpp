// HS256 access tokens (claims `sub` = user email as the contract says, `uid` = user id, `ver` = the
// user's token version, `iat`, `exp`),
// via libjwt. Verification accepts only
// HS256 with our key and an unexpired `exp` by the injected clock: `alg: none` and other algorithms fail.
#pragma once
#include <chrono>
#include <optional>
#include <string>

#include "util/clock.hpp"

namespace reach {

struct JwtClaims {
  std::string subject;
  std::string user_id;
  long long version = 0;  // 0 for tokens issued before versions existed
};

class JwtCodec {
 public:
  JwtCodec(std::string key, std::chrono::seconds ttl, const Clock& clock);

  std::string issue(const std::string& subject, const std::string& user_id, long long version) const;
  // The claims of a valid token, or nothing (bad signature, wrong alg, malformed, expired, no uid).
  std::optional<JwtClaims> verify(const std::string& token) const;
  std::chrono::seconds ttl() const { return ttl_; }

 private:
  std::string key_;
  std::chrono::seconds ttl_;
  const Clock& clock_;
};

}  // namespace reach

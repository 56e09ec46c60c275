#include "util/jwt.hpp"

#include <jwt.h>

#include <cerrno>
#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace reach {
namespace {

struct JwtFree {
  void operator()(jwt_t* j) const { jwt_free(j); }
};
using JwtPtr = std::unique_ptr<jwt_t, JwtFree>;

const unsigned char* key_bytes(const std::string& k) { return reinterpret_cast<const unsigned char*>(k.data()); }

}  // namespace

JwtCodec::JwtCodec(std::string key, std::chrono::seconds ttl, const Clock& clock)
    : key_(std::move(key)), ttl_(ttl), clock_(clock) {}

std::string JwtCodec::issue(const std::string& subject, const std::string& user_id, long long version) const {
  jwt_t* raw = nullptr;
  if (jwt_new(&raw) != 0) throw std::runtime_error("jwt_new failed");
  JwtPtr jwt(raw);
  long now = clock_.now().time_since_epoch().count();
  if (jwt_add_grant(jwt.get(), "sub", subject.c_str()) != 0 || jwt_add_grant(jwt.get(), "uid", user_id.c_str()) != 0 ||
      jwt_add_grant_int(jwt.get(), "ver", static_cast<long>(version)) != 0 ||
      jwt_add_grant_int(jwt.get(), "iat", now) != 0 || jwt_add_grant_int(jwt.get(), "exp", now + ttl_.count()) != 0 ||
      jwt_set_alg(jwt.get(), JWT_ALG_HS256, key_bytes(key_), static_cast<int>(key_.size())) != 0)
    throw std::runtime_error("could not build a JWT");
  char* encoded = jwt_encode_str(jwt.get());
  if (encoded == nullptr) throw std::runtime_error("could not encode a JWT");
  std::string out(encoded);
  std::free(encoded);
  return out;
}

std::optional<JwtClaims> JwtCodec::verify(const std::string& token) const {
  if (token.empty() || token.size() > 4096) return std::nullopt;
  jwt_t* raw = nullptr;
  if (jwt_decode(&raw, token.c_str(), key_bytes(key_), static_cast<int>(key_.size())) != 0 || raw == nullptr)
    return std::nullopt;
  JwtPtr jwt(raw);
  if (jwt_get_alg(jwt.get()) != JWT_ALG_HS256) return std::nullopt;
  errno = 0;
  long exp = jwt_get_grant_int(jwt.get(), "exp");
  if (errno != 0 || exp <= clock_.now().time_since_epoch().count()) return std::nullopt;
  const char* sub = jwt_get_grant(jwt.get(), "sub");
  const char* uid = jwt_get_grant(jwt.get(), "uid");
  if (sub == nullptr || *sub == '\0' || uid == nullptr || *uid == '\0') return std::nullopt;
  errno = 0;
  long version = jwt_get_grant_int(jwt.get(), "ver");
  if (errno != 0) version = 0;  // no claim: issued before token versions
  return JwtClaims{sub, uid, version};
}

}  // namespace reach

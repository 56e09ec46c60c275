#include "util/random.hpp"

#include <sodium.h>

#include <cctype>

#include "util/crypto.hpp"

namespace reach {

void SecureRng::fill(std::uint8_t* out, std::size_t n) { randombytes_buf(out, n); }

std::string new_uuid(Rng& rng) {
  std::uint8_t b[16];
  rng.fill(b, sizeof b);
  b[6] = static_cast<std::uint8_t>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<std::uint8_t>((b[8] & 0x3f) | 0x80);
  static const char* hex = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(hex[b[i] >> 4]);
    out.push_back(hex[b[i] & 0x0f]);
  }
  return out;
}

bool is_uuid(const std::string& t) {
  if (t.size() != 36) return false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? t[i] != '-' : !std::isxdigit(static_cast<unsigned char>(t[i]))) return false;
  }
  return true;
}

std::string random_token(Rng& rng, std::size_t n_bytes) {
  std::string raw(n_bytes, '\0');
  rng.fill(reinterpret_cast<std::uint8_t*>(raw.data()), raw.size());
  return base64url_encode(raw);
}

}  // namespace reach

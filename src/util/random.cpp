#include "util/random.hpp"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <mutex>

#include "util/crypto.hpp"

namespace reach {

void SecureRng::fill(std::uint8_t* out, std::size_t n) { randombytes_buf(out, n); }

BufferedRng::~BufferedRng() { sodium_memzero(buffer_, sizeof buffer_); }

void BufferedRng::fill(std::uint8_t* out, std::size_t n) {
  while (n > 0) {
    if (used_ == sizeof buffer_) {
      source_.fill(buffer_, sizeof buffer_);
      used_ = 0;
    }
    std::size_t take = std::min(n, sizeof buffer_ - used_);
    std::memcpy(out, buffer_ + used_, take);
    sodium_memzero(buffer_ + used_, take);  // handed out once
    used_ += take;
    out += take;
    n -= take;
  }
}

namespace {

std::string uuid_text(const std::uint8_t* b) {
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

}  // namespace

std::string new_uuid(Rng& rng) {
  std::uint8_t b[16];
  rng.fill(b, sizeof b);
  b[6] = static_cast<std::uint8_t>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<std::uint8_t>((b[8] & 0x3f) | 0x80);
  return uuid_text(b);
}

std::string new_time_ordered_uuid(Rng& rng, std::int64_t unix_ms) {
  static std::mutex mu;
  static std::int64_t last_ms = 0;
  static std::uint32_t counter = 0;
  constexpr std::uint32_t kCounterMax = (1u << 26) - 1;
  std::uint32_t c = 0;
  {
    std::lock_guard lock(mu);
    if (unix_ms > last_ms) {
      last_ms = unix_ms;
      counter = 0;
    } else if (++counter > kCounterMax) {  // more than 2^26 ids in one millisecond: borrow the next one
      ++last_ms;
      counter = 0;
    }
    unix_ms = last_ms;
    c = counter;
  }
  std::uint8_t b[16];
  rng.fill(b + 10, 6);
  for (int i = 0; i < 6; ++i) b[i] = static_cast<std::uint8_t>(static_cast<std::uint64_t>(unix_ms) >> (40 - 8 * i));
  b[6] = static_cast<std::uint8_t>(0x70 | ((c >> 22) & 0x0f));
  b[7] = static_cast<std::uint8_t>(c >> 14);
  b[8] = static_cast<std::uint8_t>(0x80 | ((c >> 8) & 0x3f));
  b[9] = static_cast<std::uint8_t>(c);
  return uuid_text(b);
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

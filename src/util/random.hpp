// Randomness comes from an injected Rng: ids, tokens and secrets. The default is libsodium's CSPRNG.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace reach {

class Rng {
 public:
  virtual ~Rng() = default;
  virtual void fill(std::uint8_t* out, std::size_t n) = 0;
};

class SecureRng final : public Rng {
 public:
  void fill(std::uint8_t* out, std::size_t n) override;
};

// Reads another Rng a block at a time: for many small draws in a row (an import's ids), where a
// system call per draw costs more than the rest of the id (3 s of a million-lead import, in a VM).
class BufferedRng final : public Rng {
 public:
  explicit BufferedRng(Rng& source) : source_(source) {}
  BufferedRng(const BufferedRng&) = delete;
  BufferedRng& operator=(const BufferedRng&) = delete;
  ~BufferedRng() override;  // the unused bytes are wiped
  void fill(std::uint8_t* out, std::size_t n) override;

 private:
  Rng& source_;
  std::uint8_t buffer_[4096];
  std::size_t used_ = sizeof buffer_;
};

// A random v4 UUID in canonical lower-case form.
std::string new_uuid(Rng& rng);
// A v7 UUID (RFC 9562): the time in milliseconds, then a counter, then random bits, so ids made later
// in this process sort after earlier ones (as text too). For rows listed newest first and for
// append-mostly indexes. `unix_ms` comes from the caller's clock; a clock that stands still or goes
// back keeps the last time and counts up (2^26 ids per millisecond).
std::string new_time_ordered_uuid(Rng& rng, std::int64_t unix_ms);
// True for a canonical UUID string (any version), lower or upper case.
bool is_uuid(const std::string& text);
// n random bytes as URL-safe base64 without padding: for tokens sent in links.
std::string random_token(Rng& rng, std::size_t n_bytes = 32);

}  // namespace reach

// Which peers may tell us the client's address (REACH_TRUSTED_PROXIES: addresses and CIDR ranges,
// IPv4 or IPv6). X-Forwarded-For is believed only from them, so a client cannot pick the address its
// login attempts are counted under, and a reverse proxy does not make every user one address.
#pragma once
#include <array>
#include <optional>
#include <string>
#include <vector>

namespace reach {

class TrustedProxies {
 public:
  TrustedProxies() = default;
  // "10.0.0.1, 10.1.0.0/16, ::1"; throws std::invalid_argument naming the entry that is not one.
  static TrustedProxies parse(const std::string& list);

  bool contains(const std::string& address) const;
  // The peer's address, or, when the peer is trusted, the right-most X-Forwarded-For address that is
  // not itself a trusted proxy (the one the first trusted hop saw).
  std::string client_address(const std::string& peer, const std::optional<std::string>& forwarded_for) const;
  bool empty() const { return ranges_.empty(); }

 private:
  struct Range {
    std::array<unsigned char, 16> bytes;  // IPv4 as IPv4-mapped IPv6
    int prefix_bits;
  };
  std::vector<Range> ranges_;
};

}  // namespace reach

#include "http/trusted_proxies.hpp"

#include <arpa/inet.h>

#include <cstring>
#include <stdexcept>

namespace reach {
namespace {

std::string trimmed(const std::string& s) {
  auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

// An address as 16 bytes (IPv4 mapped into IPv6) and its full prefix length, or nothing.
std::optional<std::pair<std::array<unsigned char, 16>, int>> to_bytes(const std::string& text) {
  std::array<unsigned char, 16> out{};
  in_addr v4{};
  if (inet_pton(AF_INET, text.c_str(), &v4) == 1) {
    out[10] = out[11] = 0xff;
    std::memcpy(out.data() + 12, &v4, 4);
    return std::pair{out, 32};
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, text.c_str(), &v6) == 1) {
    std::memcpy(out.data(), &v6, 16);
    return std::pair{out, 128};
  }
  return std::nullopt;
}

}  // namespace

TrustedProxies TrustedProxies::parse(const std::string& list) {
  TrustedProxies out;
  std::size_t start = 0;
  while (start <= list.size()) {
    auto comma = list.find(',', start);
    std::string entry = trimmed(list.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    start = comma == std::string::npos ? list.size() + 1 : comma + 1;
    if (entry.empty()) continue;
    auto slash = entry.find('/');
    auto address = to_bytes(entry.substr(0, slash));
    if (!address) throw std::invalid_argument("'" + entry + "' is not an IP address or CIDR range");
    int bits = address->second;
    if (slash != std::string::npos) {
      std::string prefix = entry.substr(slash + 1);
      if (prefix.empty() || prefix.size() > 3 || prefix.find_first_not_of("0123456789") != std::string::npos ||
          std::stoi(prefix) > bits)
        throw std::invalid_argument("'" + entry + "' has a bad prefix length");
      bits = std::stoi(prefix);
    }
    out.ranges_.push_back({address->first, bits + (address->second == 32 ? 96 : 0)});
  }
  return out;
}

bool TrustedProxies::contains(const std::string& text) const {
  auto address = to_bytes(text);
  if (!address) return false;
  for (const auto& r : ranges_) {
    int bits = r.prefix_bits, i = 0;
    for (; bits >= 8; bits -= 8, ++i)
      if (r.bytes[i] != address->first[i]) break;
    if (bits >= 8) continue;
    unsigned char mask = static_cast<unsigned char>(0xff << (8 - bits));
    if (bits == 0 || (r.bytes[i] & mask) == (address->first[i] & mask)) return true;
  }
  return false;
}

std::string TrustedProxies::client_address(const std::string& peer,
                                           const std::optional<std::string>& forwarded_for) const {
  if (!forwarded_for || !contains(peer)) return peer;
  std::string client = peer;
  std::size_t end = forwarded_for->size();
  while (end > 0) {  // right to left: each hop appends the address it saw
    auto comma = forwarded_for->rfind(',', end - 1);
    std::size_t begin = comma == std::string::npos ? 0 : comma + 1;
    std::string hop = trimmed(forwarded_for->substr(begin, end - begin));
    if (!to_bytes(hop)) break;  // garbage: trust nothing further left
    client = hop;
    if (!contains(hop)) break;
    if (comma == std::string::npos) break;
    end = comma;
  }
  return client;
}

}  // namespace reach

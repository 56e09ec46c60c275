// libsodium wrappers: argon2id password hashes, SHA-256 digests for stored tokens, and key derivation
// from the server secret. Call crypto_init() once before anything else.
#pragma once
#include <string>
#include <string_view>

namespace reach {

void crypto_init();

// argon2id (libsodium's "interactive" limits), encoded with its salt and parameters.
std::string hash_password(std::string_view password);
bool verify_password(std::string_view encoded_hash, std::string_view password);

// Lower-case hex SHA-256: how single-use tokens are stored (the token itself never is).
std::string sha256_hex(std::string_view data);
// Compares in time that depends on the lengths only, not on where the texts first differ (for tokens).
bool constant_time_equal(std::string_view a, std::string_view b);

// A 32-byte key for one purpose ("jwt", "secrets", ...) derived from the server secret with HMAC-SHA256.
std::string derive_key(std::string_view secret, std::string_view purpose);

// URL-safe base64 without padding (RFC 4648 §5): tokens in links, JWT segments.
std::string base64url_encode(std::string_view data);

}  // namespace reach

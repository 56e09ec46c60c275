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

// Secrets at rest (mailbox passwords): XChaCha20-Poly1305 with a 32-byte key (derive_key(..., "secrets")),
// a random nonce, and `context` (the owner's id) as associated data, so a sealed value copied to another
// row does not open. The result is URL-safe base64 of nonce and ciphertext. open_secret throws
// std::runtime_error when the value was altered, sealed for another context or under another key.
std::string seal_secret(std::string_view key, std::string_view plaintext, std::string_view context);
std::string open_secret(std::string_view key, std::string_view sealed, std::string_view context);

// URL-safe base64 without padding (RFC 4648 §5): tokens in links, JWT segments.
std::string base64url_encode(std::string_view data);
// Throws std::invalid_argument for text that is not such base64.
std::string base64url_decode(std::string_view text);

}  // namespace reach

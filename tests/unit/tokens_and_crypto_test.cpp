// Access tokens: issued and verified with the injected clock; forged, alg-none and expired ones refused.
#include <gtest/gtest.h>

#include "util/crypto.hpp"
#include "util/jwt.hpp"
#include "util/time_format.hpp"

namespace reach {
namespace {

TEST(Jwt, RoundTripsUntilExpiry) {
  crypto_init();
  ManualClock clock(*parse_rfc3339("2026-11-24T10:00:00Z"));
  JwtCodec codec(derive_key("server-secret-0123456789abcdef0123", "jwt"), std::chrono::minutes(30), clock);
  auto token = codec.issue("ada@example.com", "user-1", 0);
  auto claims = codec.verify(token);
  ASSERT_TRUE(claims);
  EXPECT_EQ(claims->subject, "ada@example.com");
  EXPECT_EQ(claims->user_id, "user-1");
  clock.advance(std::chrono::minutes(29));
  EXPECT_TRUE(codec.verify(token));
  clock.advance(std::chrono::minutes(1));
  EXPECT_FALSE(codec.verify(token)) << "expired at exp";
}

TEST(Jwt, RefusesOtherKeysAlgorithmsAndGarbage) {
  crypto_init();
  ManualClock clock(*parse_rfc3339("2026-11-24T10:00:00Z"));
  JwtCodec ours("key-one-0123456789abcdef0123456789", std::chrono::hours(1), clock);
  JwtCodec theirs("key-two-0123456789abcdef0123456789", std::chrono::hours(1), clock);
  EXPECT_FALSE(ours.verify(theirs.issue("ada@example.com", "user-1", 0)));
  std::string none = base64url_encode(R"({"alg":"none","typ":"JWT"})") + "." +
                     base64url_encode(R"({"sub":"ada@example.com","uid":"user-1","exp":4102444800})") + ".";
  EXPECT_FALSE(ours.verify(none));
  auto token = ours.issue("ada@example.com", "user-1", 0);
  std::string tampered = token;
  tampered[token.find('.') + 5] ^= 1;
  EXPECT_FALSE(ours.verify(tampered));
  for (const char* junk : {"", "a.b.c", "....", "eyJhbGciOiJIUzI1NiJ9"}) EXPECT_FALSE(ours.verify(junk)) << junk;
}

TEST(Crypto, PasswordHashesVerifyOnlyTheirPassword) {
  crypto_init();
  auto h = hash_password("correct horse");
  EXPECT_EQ(h.rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(verify_password(h, "correct horse"));
  EXPECT_FALSE(verify_password(h, "correct horse "));
  EXPECT_FALSE(verify_password("", "anything"));
  EXPECT_NE(hash_password("correct horse"), h) << "salted";
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_NE(derive_key("secret", "jwt"), derive_key("secret", "secrets"));
}

}  // namespace
}  // namespace reach

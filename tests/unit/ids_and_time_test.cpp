// Ids (time-ordered and random UUIDs, URL-safe tokens, the buffered random source) and RFC 3339 time.
#include <gtest/gtest.h>

#include <ctime>

#include "util/crypto.hpp"
#include "util/random.hpp"
#include "util/time_format.hpp"

namespace reach {
namespace {

TEST(Time, Rfc3339RoundTripsAndSortsAsText) {
  auto t = parse_rfc3339("2026-11-24T10:00:00Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(format_rfc3339(*t), "2026-11-24T10:00:00Z");
  EXPECT_LT(format_rfc3339(*t), format_rfc3339(*t + std::chrono::seconds(1)));
  EXPECT_FALSE(parse_rfc3339("2026-11-24 10:00:00"));
  EXPECT_FALSE(parse_rfc3339("2026-11-24T10:00:00+01:00"));
}

TEST(Time, OnlyTimesThatExistParse) {
  EXPECT_TRUE(parse_rfc3339("2028-02-29T23:59:59Z")) << "a leap day";
  EXPECT_FALSE(parse_rfc3339("2027-02-29T00:00:00Z"));
  EXPECT_FALSE(parse_rfc3339("2026-02-30T00:00:00Z"));
  EXPECT_FALSE(parse_rfc3339("2026-13-01T00:00:00Z"));
  EXPECT_FALSE(parse_rfc3339("2026-00-10T00:00:00Z"));
  EXPECT_FALSE(parse_rfc3339("2026-01-01T24:00:00Z"));
  EXPECT_FALSE(parse_rfc3339("2026-01-01T23:60:00Z"));
  EXPECT_FALSE(parse_rfc3339("2026-01-01T23:59:60Z"));
  EXPECT_FALSE(parse_rfc3339("2026-01-0aT00:00:00Z"));
  EXPECT_FALSE(parse_rfc3339("+026-01-01T00:00:00Z"));
  EXPECT_EQ(format_rfc3339(*parse_rfc3339("0001-01-01T00:00:00Z")), "0001-01-01T00:00:00Z");
  EXPECT_EQ(parse_rfc3339("1970-01-01T00:00:00Z")->time_since_epoch().count(), 0);
}

TEST(Time, FormatAgreesWithTheCLibraryOverCenturies) {
  // Every 9,999,991 s (about 116 days, at every hour of the day in turn) from 1900 to 2300.
  for (long long s = -2208988800LL; s < 10413792000LL; s += 9999991) {
    TimePoint t{std::chrono::seconds(s)};
    std::time_t secs = s;
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char expected[32];
    std::strftime(expected, sizeof expected, "%Y-%m-%dT%H:%M:%SZ", &tm);
    ASSERT_EQ(format_rfc3339(t), expected) << s;
    ASSERT_EQ(parse_rfc3339(expected), t) << expected;
  }
}

class CountingRng final : public Rng {
 public:
  void fill(std::uint8_t* out, std::size_t n) override {
    for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<std::uint8_t>(next_++);
  }
  int next_ = 0;
};

TEST(Ids, TimeOrderedUuidsSortByTimeThenByCreation) {
  CountingRng rng;
  const std::int64_t t = 1795520000000;  // a fixed millisecond far from the other tests' clocks
  auto first = new_time_ordered_uuid(rng, t + 5'000'000);
  EXPECT_TRUE(is_uuid(first));
  EXPECT_EQ(first[14], '7');
  EXPECT_TRUE(first[19] == '8' || first[19] == '9' || first[19] == 'a' || first[19] == 'b') << first;
  std::string previous = first;
  for (int i = 0; i < 5000; ++i) {  // the same millisecond, and a clock going back: still increasing
    auto next = new_time_ordered_uuid(rng, i % 2 ? t + 5'000'000 : t);
    ASSERT_LT(previous, next) << i;
    previous = next;
  }
  EXPECT_LT(previous, new_time_ordered_uuid(rng, t + 5'000'001));
}

// Counts its draws and numbers its bytes, so the test sees what BufferedRng hands out and how often it asks.
class NumberingRng final : public Rng {
 public:
  void fill(std::uint8_t* out, std::size_t n) override {
    ++draws;
    for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<std::uint8_t>(next++);
  }
  int draws = 0;
  std::size_t next = 0;
};

TEST(Ids, ABufferedRngHandsOutItsSourcesBytesOnceInOrderAndAsksRarely) {
  NumberingRng source;
  BufferedRng buffered(source);
  std::vector<std::uint8_t> seen;
  for (int i = 0; i < 2000; ++i) {  // 12,000 bytes: three blocks of 4,096
    std::uint8_t id[6];
    buffered.fill(id, sizeof id);
    seen.insert(seen.end(), id, id + sizeof id);
  }
  std::uint8_t big[5000];  // a draw larger than a block spans blocks
  buffered.fill(big, sizeof big);
  seen.insert(seen.end(), big, big + sizeof big);
  EXPECT_EQ(source.draws, 5);
  for (std::size_t i = 0; i < seen.size(); ++i) ASSERT_EQ(seen[i], static_cast<std::uint8_t>(i)) << "byte " << i;
}

TEST(Ids, UuidsAreVersion4AndTokensUrlSafe) {
  CountingRng rng;
  auto id = new_uuid(rng);
  EXPECT_TRUE(is_uuid(id));
  EXPECT_EQ(id[14], '4');
  EXPECT_NE(new_uuid(rng), id);
  EXPECT_FALSE(is_uuid("0b8d2c6e-6b1a-4c3f-9e0d-1a2b3c4d5e6"));
  EXPECT_FALSE(is_uuid("0b8d2c6e_6b1a-4c3f-9e0d-1a2b3c4d5e6f"));
  EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");
  auto token = random_token(rng);
  EXPECT_EQ(token.size(), 43u);
  EXPECT_EQ(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
}

}  // namespace
}  // namespace reach

// Phone numbers to E.164, with the region from the row's country or the default.
#include <gtest/gtest.h>

#include <phonenumbers/phonenumberutil.h>

#include <random>

#include "ingest/phone_numbers.hpp"

namespace reach {
namespace {

TEST(PhoneNumbers, NormaliseToE164UsingTheRowsCountry) {
  PhoneNormalizer us("US");
  EXPECT_EQ(us.to_e164("(415) 555-2671"), "+14155552671");
  EXPECT_EQ(us.to_e164("415.555.2671 ext. 12"), "+14155552671");
  EXPECT_EQ(us.to_e164("+44 20 7946 0958"), "+442079460958") << "an explicit country code wins";
  EXPECT_EQ(us.to_e164("(416) 364-0123"), "+14163640123") << "a Toronto number on a US row: +1 is shared";
  EXPECT_EQ(us.to_e164("020 7946 0958", "United Kingdom"), "+442079460958");
  EXPECT_EQ(us.to_e164("030 901820", "DE"), "+4930901820");
  EXPECT_EQ(us.to_e164("030 901820", "Deutschland"), "+4930901820");
  PhoneNormalizer de("DE");
  EXPECT_EQ(de.to_e164("030 901820"), "+4930901820") << "the company default region";
}

TEST(PhoneNumbers, RejectWhatIsNotAValidNumber) {
  PhoneNormalizer us("US");
  for (const char* bad : {"", "n/a", "12345", "000-000-0000", "+1 555", "call me"})
    EXPECT_FALSE(us.to_e164(bad)) << bad;
}

// North American numbers written plainly skip libphonenumber's parser; the answer must be the parser's.
TEST(PhoneNumbers, PlainNorthAmericanNumbersReadAsTheParserReadsThem) {
  using i18n::phonenumbers::PhoneNumber;
  using i18n::phonenumbers::PhoneNumberUtil;
  auto* util = PhoneNumberUtil::GetInstance();
  auto parsed = [&](const std::string& text, const std::string& region) -> std::optional<std::string> {
    PhoneNumber n;
    if (util->Parse(text, region, &n) != PhoneNumberUtil::NO_PARSING_ERROR || !util->IsValidNumber(n)) return {};
    std::string out;
    util->Format(n, PhoneNumberUtil::E164, &out);
    return out;
  };
  std::mt19937 gen(7);
  const char* formats[] = {"(AAA) EEE-LLLL", "AAA-EEE-LLLL",    "AAA.EEE.LLLL",      "AAAEEELLLL",
                           "1 AAA EEE LLLL", "+1 AAA EEE LLLL", "+1 (AAA) EEE-LLLL", "1-AAA-EEE-LLLL",
                           "+1AAAEEELLLL",   "AAA EEE LLLL",    "+ AAA EEE LLLL",    "AAA-EEE-LLL",
                           "1AAAEEELLLLL",   "0 AAA EEE LLLL",  "(AAA)EEE LLLL."};
  int valid = 0;
  for (const char* region : {"US", "CA"}) {
    PhoneNormalizer normalizer(region);
    for (int i = 0; i < 3000; ++i) {
      std::string text = formats[i % std::size(formats)];
      for (auto& c : text)
        if (c == 'A' || c == 'E' || c == 'L') c = static_cast<char>('0' + gen() % 10);
      auto expected = parsed(text, region);
      valid += expected.has_value();
      EXPECT_EQ(normalizer.to_e164(text), expected) << text << " in " << region;
    }
  }
  EXPECT_GT(valid, 1000) << "the generated numbers must include many valid ones";
}

TEST(PhoneNumbers, KnowCountriesByCodeAndName) {
  EXPECT_EQ(region_for_country("de"), "DE");
  EXPECT_EQ(region_for_country("UK"), "GB");
  EXPECT_EQ(region_for_country(" United States of America "), "US");
  EXPECT_EQ(region_for_country("GBR"), "GB");
  EXPECT_FALSE(region_for_country("Atlantis"));
  EXPECT_FALSE(region_for_country("ZZ"));
}

}  // namespace
}  // namespace reach

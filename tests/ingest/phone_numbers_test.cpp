// Phone numbers to E.164, with the region from the row's country or the default.
#include <gtest/gtest.h>

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
  for (const char* bad : {"", "n/a", "12345", "000-000-0000", "+1 555", "call me"}) EXPECT_FALSE(us.to_e164(bad)) << bad;
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

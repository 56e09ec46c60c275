// The campaign engine's pure parts: sending windows across time zones and clock changes, the HTML built
// from model text, sealed secrets.
#include <gtest/gtest.h>

#include "campaigns/email_composer.hpp"
#include "campaigns/sending_window.hpp"
#include "util/crypto.hpp"
#include "util/time_format.hpp"

namespace reach {
namespace {

TimePoint at(const char* rfc3339) { return parse_rfc3339(rfc3339).value(); }
std::string text(TimePoint t) { return format_rfc3339(t); }

SendingSchedule weekdays_9_to_17(const char* zone) { return parse_schedule(zone, {1, 2, 3, 4, 5}, "09:00", "17:00"); }

TEST(SendingWindow, InsideTheWindowIsNow) {
  auto s = weekdays_9_to_17("America/New_York");
  // Wednesday 2026-12-02 15:00 UTC is 10:00 in New York (EST, UTC-5).
  EXPECT_EQ(text(next_sending_time(s, at("2026-12-02T15:00:00Z"))), "2026-12-02T15:00:00Z");
}

TEST(SendingWindow, AfterHoursWaitsForTheNextDaysStart) {
  auto s = weekdays_9_to_17("America/New_York");
  // 17:00 New York is the end (exclusive): the next opening is Thursday 09:00 = 14:00 UTC.
  EXPECT_EQ(text(next_sending_time(s, at("2026-12-02T22:00:00Z"))), "2026-12-03T14:00:00Z");
  EXPECT_EQ(text(next_sending_time(s, at("2026-12-02T21:59:59Z"))), "2026-12-02T21:59:59Z");
}

TEST(SendingWindow, TheWeekendWaitsForMonday) {
  auto s = weekdays_9_to_17("Europe/Berlin");
  // Friday 2026-12-04 18:00 Berlin (CET, UTC+1) -> Monday 2026-12-07 09:00 Berlin = 08:00 UTC.
  EXPECT_EQ(text(next_sending_time(s, at("2026-12-04T17:00:00Z"))), "2026-12-07T08:00:00Z");
}

TEST(SendingWindow, DaylightSavingTimeMovesTheWindowInUtc) {
  auto s = weekdays_9_to_17("Europe/Berlin");
  // Before the spring change (Friday 2027-03-26, CET) 09:00 is 08:00 UTC; after it (Monday 2027-03-29,
  // CEST) 09:00 is 07:00 UTC.
  EXPECT_EQ(text(next_sending_time(s, at("2027-03-26T05:00:00Z"))), "2027-03-26T08:00:00Z");
  EXPECT_EQ(text(next_sending_time(s, at("2027-03-26T17:00:00Z"))), "2027-03-29T07:00:00Z");
}

TEST(SendingWindow, AWindowOnASkippedHourOpensAtTheEarlierInstant) {
  // 02:30 on 2027-03-28 does not exist in Berlin (clocks jump 02:00 -> 03:00).
  auto s = parse_schedule("Europe/Berlin", {7}, "02:30", "04:00");
  auto open = next_sending_time(s, at("2027-03-27T12:00:00Z"));
  EXPECT_EQ(text(open), "2027-03-28T01:00:00Z");
}

TEST(SendingWindow, BadSchedulesSayWhatIsWrong) {
  auto problem = [](auto fn) {
    try {
      fn();
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_NE(problem([] { parse_schedule("Mars/Olympus", {1}, "09:00", "17:00"); }).find("IANA"), std::string::npos);
  EXPECT_NE(problem([] { parse_schedule("UTC", {}, "09:00", "17:00"); }).find("at least one day"), std::string::npos);
  EXPECT_NE(problem([] { parse_schedule("UTC", {8}, "09:00", "17:00"); }).find("1 (Monday)"), std::string::npos);
  EXPECT_NE(problem([] { parse_schedule("UTC", {1}, "9am", "17:00"); }).find("HH:MM"), std::string::npos);
  EXPECT_NE(problem([] { parse_schedule("UTC", {1}, "17:00", "09:00"); }).find("later"), std::string::npos);
  EXPECT_EQ(format_minute_of_day(parse_schedule("UTC", {1}, "00:00", "24:00").end_minute), "24:00");
}

TEST(EmailComposer, ModelTextIsTextInTheHtmlPart) {
  auto c = compose_body("Hi <img src=x onerror=alert(1)>,\n\nSee \"this\" & that.\nBye",
                        "https://r.example/api/track-email/id", "https://r.example/unsubscribe/t");
  EXPECT_EQ(c.html.find("<img src=x"), std::string::npos) << c.html;
  EXPECT_NE(c.html.find("&lt;img src=x onerror=alert(1)&gt;"), std::string::npos);
  EXPECT_NE(c.html.find("<p>See &quot;this&quot; &amp; that.<br>\nBye</p>"), std::string::npos) << c.html;
  EXPECT_NE(c.html.find("<img src=\"https://r.example/api/track-email/id\""), std::string::npos);
  EXPECT_NE(c.html.find("href=\"https://r.example/unsubscribe/t\""), std::string::npos);
  EXPECT_NE(c.text.find("unsubscribe: https://r.example/unsubscribe/t"), std::string::npos);
}

TEST(SealedSecrets, OpenOnlyWithTheirKeyAndContext) {
  crypto_init();
  std::string key = derive_key("a server secret of enough length for tests", "secrets");
  auto sealed = seal_secret(key, "app password", "company-1");
  EXPECT_EQ(sealed.find("app password"), std::string::npos);
  EXPECT_NE(seal_secret(key, "app password", "company-1"), sealed) << "a fresh nonce each time";
  EXPECT_EQ(open_secret(key, sealed, "company-1"), "app password");
  EXPECT_THROW(open_secret(key, sealed, "company-2"), std::runtime_error) << "copied to another company's row";
  EXPECT_THROW(open_secret(derive_key("another secret entirely, also long", "secrets"), sealed, "company-1"),
               std::runtime_error);
  std::string altered = sealed;
  altered[altered.size() / 2] = altered[altered.size() / 2] == 'A' ? 'B' : 'A';
  EXPECT_ANY_THROW(open_secret(key, altered, "company-1"));
  EXPECT_ANY_THROW(open_secret(key, "short", "company-1"));
}

}  // namespace
}  // namespace reach

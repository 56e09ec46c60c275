// LeadService against LeadRecords held in memory: its rules (normalising, identity, reviving,
// refusing duplicates, paging) without a database. The SQL side of the same interface is the store
// tests' (tests/store/store_test.cpp, both engines).
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "domain/api_error.hpp"
#include "leads/lead_service.hpp"
#include "util/time_format.hpp"

namespace reach {
namespace {

// Leads in a map, with the store's identity rule: the email; without one, phone number and name.
class InMemoryLeads final : public LeadRecords {
 public:
  bool insert(const Lead& lead) override {
    if (auto d = find_duplicate(lead)) return false;
    by_id[lead.id] = lead;
    return true;
  }
  std::optional<Lead> find(const std::string& company_id, const std::string& lead_id) override {
    auto it = by_id.find(lead_id);
    if (it == by_id.end() || it->second.company_id != company_id || it->second.deleted) return std::nullopt;
    return it->second;
  }
  std::optional<Lead> find_duplicate(const Lead& lead) override {
    for (const auto& [id, l] : by_id) {
      if (l.company_id != lead.company_id) continue;
      if (lead.field(LeadField::email)
              ? l.field(LeadField::email) == lead.field(LeadField::email)
              : l.field(LeadField::phone_number) == lead.field(LeadField::phone_number) && l.name == lead.name)
        return l;
    }
    return std::nullopt;
  }
  PageAndCount page_and_count(const std::string& company_id, const std::string& search, long long limit,
                              long long offset) override {
    std::vector<Lead> out;
    for (const auto& [id, l] : by_id)
      if (l.company_id == company_id && !l.deleted && l.name.find(search) != std::string::npos) out.push_back(l);
    std::sort(out.begin(), out.end(), [](const Lead& a, const Lead& b) { return a.id > b.id; });  // ids sort by time
    LeadCount count{static_cast<long long>(out.size()), false};
    out.erase(out.begin(), out.begin() + std::min<long long>(offset, static_cast<long long>(out.size())));
    if (static_cast<long long>(out.size()) > limit) out.resize(static_cast<std::size_t>(limit));
    return {std::move(out), count};
  }
  void soft_delete(const std::string& company_id, const std::string& lead_id, TimePoint now) override {
    if (auto it = by_id.find(lead_id); it != by_id.end() && it->second.company_id == company_id) {
      it->second.deleted = true;
      deleted_at = now;
    }
  }
  void replace(const Lead& lead, TimePoint now) override {
    by_id[lead.id] = lead;
    by_id[lead.id].deleted = false;
    replaced_at = now;
  }

  std::map<std::string, Lead> by_id;
  std::optional<TimePoint> deleted_at, replaced_at;
};

class CountingRng final : public Rng {
 public:
  void fill(std::uint8_t* out, std::size_t n) override {
    for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<std::uint8_t>(next_++);
  }

 private:
  unsigned next_ = 1;
};

Lead draft(std::string name, std::optional<std::string> email, std::optional<std::string> phone = std::nullopt) {
  Lead l;
  l.name = std::move(name);
  l.field(LeadField::email) = std::move(email);
  l.field(LeadField::phone_number) = std::move(phone);
  return l;
}

struct LeadServiceTest : ::testing::Test {
  InMemoryLeads records;
  ManualClock clock{TimePoint(std::chrono::seconds(1'800'000'000))};
  CountingRng rng;
  LeadService service{records, clock, rng, PhoneNormalizer("US")};
  const std::string company = "company-1";
};

TEST_F(LeadServiceTest, NormalisesContactsAndStampsTheClocksTime) {
  auto lead = service.create(company, draft("Ada Lovelace", " Ada@Example.COM ", "(415) 555-2671"));
  EXPECT_EQ(lead.field(LeadField::email), "ada@example.com");
  EXPECT_EQ(lead.field(LeadField::phone_number), "+14155552671");
  EXPECT_EQ(lead.company_id, company);
  EXPECT_EQ(format_rfc3339(lead.created_at), "2027-01-15T08:00:00Z");
  EXPECT_TRUE(records.find(company, lead.id));
}

TEST_F(LeadServiceTest, RefusesWhatCannotBeReachedWithFieldErrors) {
  try {
    service.create(company, draft("Nobody", "not-an-address"));
    FAIL() << "accepted a lead without a valid email or phone";
  } catch (const ValidationError& e) {
    ASSERT_FALSE(e.errors().empty());
    EXPECT_EQ(e.errors()[0].loc, (std::vector<std::string>{"body", "email"}));
  }
  EXPECT_TRUE(records.by_id.empty());
}

TEST_F(LeadServiceTest, ALiveDuplicateIsAConflictADeletedOneComesBack) {
  auto first = service.create(company, draft("Ada Lovelace", "ada@example.com"));
  try {
    service.create(company, draft("Ada L.", "ADA@example.com"));
    FAIL() << "a second lead with the same email";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.code(), ErrorCode::conflict);
    EXPECT_NE(e.message().find(first.id), std::string::npos) << e.message();
  }
  service.remove(company, first.id);
  EXPECT_EQ(records.deleted_at, clock.now());
  clock.advance(std::chrono::hours(1));
  auto back = service.create(company, draft("Ada King", "ada@example.com"));
  EXPECT_EQ(back.id, first.id) << "the same lead, revived";
  EXPECT_EQ(back.name, "Ada King");
  EXPECT_EQ(records.replaced_at, clock.now());
}

TEST_F(LeadServiceTest, WithoutEmailPhoneAndNameAreTheIdentity) {
  service.create(company, draft("Cy Dee", std::nullopt, "+1 415 555 0100"));
  EXPECT_NO_THROW(service.create(company, draft("Bo Ray", std::nullopt, "+1 415 555 0100"))) << "a colleague";
  try {
    service.create(company, draft("Cy Dee", std::nullopt, "(415) 555-0100"));
    FAIL() << "the same person and line twice";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.code(), ErrorCode::conflict);
  }
}

TEST_F(LeadServiceTest, AnEditKeepsTheLeadsIdentityAndRefusesAnotherLeadsEmail) {
  auto ada = service.create(company, draft("Ada Lovelace", "ada@example.com"));
  auto grace = service.create(company, draft("Grace Hopper", "grace@example.com"));
  records.by_id[ada.id].field(LeadField::enriched_data) = R"({"pain_points": ["routing"]})";
  clock.advance(std::chrono::hours(1));
  auto edited = service.update(company, ada.id, draft("Ada King", " ADA.KING@example.com ", "(415) 555-2671"));
  EXPECT_EQ(edited.id, ada.id);
  EXPECT_EQ(edited.created_at, ada.created_at) << "created once";
  EXPECT_EQ(edited.field(LeadField::email), "ada.king@example.com") << "normalised as on create";
  EXPECT_EQ(edited.field(LeadField::phone_number), "+14155552671");
  EXPECT_EQ(edited.field(LeadField::enriched_data), R"({"pain_points": ["routing"]})") << "research is kept";
  EXPECT_EQ(records.replaced_at, clock.now());
  try {
    service.update(company, ada.id, draft("Ada King", "Grace@Example.com"));
    FAIL() << "two leads with one email";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.code(), ErrorCode::conflict);
    EXPECT_NE(e.message().find(grace.id), std::string::npos) << e.message();
  }
  EXPECT_THROW(service.update(company, ada.id, draft("Ada King", "not-an-address")), ValidationError);
  EXPECT_THROW(service.update("company-2", ada.id, draft("Ada King", "ada@example.com")), ApiError)
      << "another tenant's";
  EXPECT_EQ(records.by_id[ada.id].field(LeadField::email), "ada.king@example.com") << "refused edits change nothing";
}

TEST_F(LeadServiceTest, ListsNewestFirstInPagesAndHidesOtherCompaniesAndTheDeleted) {
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    ids.push_back(
        service.create(company, draft("Lead " + std::to_string(i), "l" + std::to_string(i) + "@x.example")).id);
    clock.advance(std::chrono::seconds(1));
  }
  service.create("company-2", draft("Lead elsewhere", "other@x.example"));
  service.remove(company, ids[4]);
  auto page = service.list(company, "", 2, 2);
  EXPECT_EQ(page.total, 4);
  ASSERT_EQ(page.items.size(), 2u);
  EXPECT_EQ(page.items[0].id, ids[1]);
  EXPECT_EQ(page.items[1].id, ids[0]);
  try {
    service.get("company-2", ids[0]);
    FAIL() << "another company's lead";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.code(), ErrorCode::not_found);
  }
}

}  // namespace
}  // namespace reach

// Validation rules, roles and the lead merge rule: the domain's pure functions.
#include <gtest/gtest.h>

#include "domain/role.hpp"
#include "domain/validation.hpp"
#include "leads/lead_merge.hpp"
#include "support/time_literal.hpp"

namespace reach {
namespace {

TEST(Email, NormalisesAndRejects) {
  EXPECT_EQ(normalize_email("  Ada.Lovelace@Example.COM "), "ada.lovelace@example.com");
  EXPECT_EQ(normalize_email("first+tag@sub.example.co.uk"), "first+tag@sub.example.co.uk");
  for (const char* bad : {"", "plain", "@example.com", "a@", "a@b", "a@@b.com", "a b@c.com", "a@b..com", ".a@b.com",
                          "a@-b.com", "<a@b.com>"})
    EXPECT_FALSE(normalize_email(bad)) << bad;
}

// Regression (issue 11.12): x@y and x@y + U+200B were two accounts, and Cyrillic homoglyphs passed.
TEST(Email, LookalikesAreOneAddressOrRefused) {
  EXPECT_FALSE(normalize_email("ada@example.com\u200b"));
  EXPECT_FALSE(normalize_email("ad\u200da@example.com")) << "zero-width joiner";
  EXPECT_FALSE(normalize_email("ada@exa\u202emple.com")) << "right-to-left override";
  EXPECT_FALSE(normalize_email("ada\u00a0@example.com")) << "no-break space";
  EXPECT_FALSE(normalize_email("p\u0430ypal@example.com")) << "a Cyrillic a among Latin letters";
  EXPECT_FALSE(normalize_email("ada@ex\u0430mple.com")) << "a Cyrillic a in the domain";
  EXPECT_FALSE(normalize_email("ada@ex\x01ample.com")) << "a control character";
  EXPECT_FALSE(normalize_email("ada@\xff\xfe.com")) << "invalid UTF-8";
  // One normal form: a decomposed é is the composed one; an internationalised domain is its xn-- form.
  EXPECT_EQ(normalize_email("Jos\u0065\u0301@B\u00fccher.de"), normalize_email("jos\u00e9@bücher.de"));
  EXPECT_EQ(normalize_email("jos\u00e9@b\u00fccher.de"), "jos\u00e9@xn--bcher-kva.de");
  EXPECT_EQ(normalize_email("ada@B\u00dcCHER.DE"), "ada@xn--bcher-kva.de");
  // One script alone is a real address.
  EXPECT_EQ(normalize_email("\u0418\u0432\u0430\u043d@\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444"),
            "\u0438\u0432\u0430\u043d@xn--e1afmkfd.xn--p1ai");
}

TEST(Website, AddsSchemeAndRejectsNonUrls) {
  EXPECT_EQ(normalize_website("acme.io"), "https://acme.io");
  EXPECT_EQ(normalize_website("http://acme.io/about?x=1"), "http://acme.io/about?x=1");
  EXPECT_EQ(normalize_website("https://acme.io:8443/"), "https://acme.io:8443/");
  for (const char* bad : {"", "not a url", "ftp://acme.io", "javascript:alert(1)", "https://", "acme"})
    EXPECT_FALSE(normalize_website(bad)) << bad;
}

TEST(Password, NeedsEightToTwoHundredFiftySixCharacters) {
  EXPECT_TRUE(password_problem("short"));
  EXPECT_FALSE(password_problem("eight ch"));
  EXPECT_TRUE(password_problem(std::string(257, 'x')));
}

TEST(Roles, AdminManagesSdrOnlyWorks) {
  EXPECT_TRUE(role_allows(Role::admin, Permission::manage_members));
  EXPECT_TRUE(role_allows(Role::admin, Permission::manage_company));
  EXPECT_FALSE(role_allows(Role::sdr, Permission::manage_members));
  EXPECT_FALSE(role_allows(Role::sdr, Permission::manage_company));
  EXPECT_TRUE(role_allows(Role::sdr, Permission::run_outreach));
  EXPECT_TRUE(role_allows(Role::sdr, Permission::read_company));
  EXPECT_EQ(parse_role("admin"), Role::admin);
  EXPECT_FALSE(parse_role("owner"));
}

TEST(LeadMerge, NonEmptyIncomingFieldsWinAndEmptyOnesKeepWhatIsThere) {
  Lead existing;
  existing.id = "lead-1";
  existing.company_id = "company-1";
  existing.name = "Ada Lovelace";
  existing.created_at = time_at("2026-12-01T10:00:00Z");
  existing.field(LeadField::email) = "ada@example.com";
  existing.field(LeadField::job_title) = "Countess";
  existing.field(LeadField::city) = "London";
  Lead row;
  row.id = "row-id";
  row.field(LeadField::job_title) = "Analyst";
  row.field(LeadField::company) = "Engines";
  Lead merged = merged_lead(existing, row);
  EXPECT_EQ(merged.id, "lead-1") << "identity and creation stay the existing lead's";
  EXPECT_EQ(merged.created_at, time_at("2026-12-01T10:00:00Z"));
  EXPECT_EQ(merged.name, "Ada Lovelace") << "an empty name keeps the name";
  EXPECT_EQ(merged.field(LeadField::job_title), "Analyst");
  EXPECT_EQ(merged.field(LeadField::company), "Engines");
  EXPECT_EQ(merged.field(LeadField::city), "London");
  row.name = "Ada King";
  EXPECT_EQ(merged_lead(merged, row).name, "Ada King");
  EXPECT_EQ(merged_lead(existing, Lead{}).fields, existing.fields) << "an empty row changes nothing";
}

TEST(LeadMerge, ARequestConflictsWithALiveLeadAndRestoresADeletedOneAnImportMergesOrSkips) {
  using Kind = LeadMatchOutcome::Kind;
  Lead existing;
  existing.id = "lead-1";
  existing.company_id = "company-1";
  existing.name = "Ada Lovelace";
  existing.created_at = time_at("2026-12-01T10:00:00Z");
  existing.field(LeadField::email) = "ada@example.com";
  existing.field(LeadField::city) = "London";
  Lead incoming;
  incoming.id = "new-id";
  incoming.name = "Ada King";
  incoming.created_at = time_at("2026-12-02T10:00:00Z");
  incoming.field(LeadField::email) = "ada@example.com";
  incoming.field(LeadField::job_title) = "Analyst";

  EXPECT_EQ(on_match(existing, incoming, LeadArrival::request).kind, Kind::conflict);
  auto merged = on_match(existing, incoming, LeadArrival::import_row);
  EXPECT_EQ(merged.kind, Kind::update);
  EXPECT_EQ(merged.lead.id, "lead-1");
  EXPECT_EQ(merged.lead.field(LeadField::city), "London") << "an import keeps what the row leaves empty";
  EXPECT_EQ(merged.lead.field(LeadField::job_title), "Analyst");

  existing.deleted = true;
  EXPECT_EQ(on_match(existing, incoming, LeadArrival::import_row).kind, Kind::skip)
      << "an import never brings back a lead removed on purpose";
  auto restored = on_match(existing, incoming, LeadArrival::request);
  EXPECT_EQ(restored.kind, Kind::restore);
  EXPECT_EQ(restored.lead.id, "lead-1") << "the deleted lead comes back under its id";
  EXPECT_EQ(restored.lead.created_at, time_at("2026-12-01T10:00:00Z"));
  EXPECT_FALSE(restored.lead.deleted);
  EXPECT_EQ(restored.lead.name, "Ada King") << "holding the request's values, not the old ones";
  EXPECT_FALSE(restored.lead.field(LeadField::city));
}

}  // namespace
}  // namespace reach

// Validation rules, roles and the small pure helpers.
#include <gtest/gtest.h>

#include "app/config.hpp"
#include "domain/role.hpp"
#include "domain/validation.hpp"
#include "leads/lead_merge.hpp"
#include "providers/mail/rfc5322.hpp"
#include "providers/mail/smtp_mailer.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"
#include "util/crypto.hpp"
#include "util/random.hpp"
#include "util/time_format.hpp"

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

TEST(Time, Rfc3339RoundTripsAndSortsAsText) {
  auto t = parse_rfc3339("2026-11-24T10:00:00Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(format_rfc3339(*t), "2026-11-24T10:00:00Z");
  EXPECT_LT(format_rfc3339(*t), format_rfc3339(*t + std::chrono::seconds(1)));
  EXPECT_FALSE(parse_rfc3339("2026-11-24 10:00:00"));
  EXPECT_FALSE(parse_rfc3339("2026-11-24T10:00:00+01:00"));
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

TEST(Config, DurationsAndValidation) {
  EXPECT_EQ(parse_duration("90"), std::chrono::seconds(90));
  EXPECT_EQ(parse_duration("30m"), std::chrono::seconds(1800));
  EXPECT_EQ(parse_duration("7d"), std::chrono::seconds(604800));
  EXPECT_FALSE(parse_duration("0"));
  EXPECT_FALSE(parse_duration("1w"));
  EXPECT_FALSE(parse_duration("-5"));
  Config c;
  c.data_dir = "/tmp/reach-config-test";
  validate(c);
  EXPECT_EQ(c.database_url, "sqlite:///tmp/reach-config-test/reach.db");
  EXPECT_EQ(c.public_url, "http://127.0.0.1:8000");
  EXPECT_EQ(c.listen_port, 8000);
  EXPECT_EQ(c.db_pool_size, c.http_threads + c.workers + 2);
  Config bad = c;
  bad.listen = "localhost";
  try {
    validate(bad);
    FAIL() << "accepted a listen address without a port";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("REACH_LISTEN:", 0), 0u) << e.what();
  }
  Config slow = c;
  slow.import_commit_ms = -1;
  try {
    validate(slow);
    FAIL() << "accepted a negative commit interval";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("REACH_IMPORT_COMMIT_MS:", 0), 0u) << e.what();
  }
}

// Issue 12.7: the clock tests move over HTTP is never on in a deployment.
TEST(Config, TheTestClockIsRefusedOutsideLoopbackAndPlainHttp) {
  Config c;
  c.data_dir = "/tmp/reach-config-test";
  c.test_clock = true;
  EXPECT_NO_THROW(validate(c)) << "127.0.0.1 and http://: a test";
  for (auto [listen, url] : {std::pair{"0.0.0.0:8000", ""}, std::pair{"127.0.0.1:8000", "https://reach.example.com"}}) {
    Config deployed = c;
    deployed.listen = listen;
    deployed.public_url = url;
    try {
      validate(deployed);
      FAIL() << "accepted the test clock on " << listen << " " << url;
    } catch (const ConfigError& e) {
      EXPECT_EQ(std::string(e.what()).rfind("REACH_TEST_CLOCK:", 0), 0u) << e.what();
    }
  }
}

TEST(Database, TurnsPostgresUrlsIntoLibpqKeywords) {
  EXPECT_EQ(postgres_connect_string("postgresql://reach:p%40ss'w@db.internal:6432/reach_prod?sslmode=require"),
            "host='db.internal' port='6432' dbname='reach_prod' user='reach' password='p@ss\\'w' sslmode='require' ");
  EXPECT_EQ(postgres_connect_string("postgres://reach@127.0.0.1/reach"),
            "host='127.0.0.1' dbname='reach' user='reach' ");
}

TEST(Database, RedactsPasswordsInUrls) {
  EXPECT_EQ(redact_database_url("postgresql://reach:hunter2@db:5432/reach"), "postgresql://reach:***@db:5432/reach");
  EXPECT_EQ(redact_database_url("sqlite:///data/reach.db"), "sqlite:///data/reach.db");
}

TEST(Migrations, SplitsStatementsAndEmbedsThemInOrder) {
  auto stmts = split_sql_statements("-- comment\nCREATE TABLE a (x INTEGER);\n\nCREATE INDEX i ON a(x);\n");
  ASSERT_EQ(stmts.size(), 2u);
  EXPECT_EQ(stmts[0], "CREATE TABLE a (x INTEGER)");
  for (auto engine : {Engine::sqlite, Engine::postgresql}) {
    auto all = embedded_migrations(engine);
    ASSERT_FALSE(all.empty());
    EXPECT_EQ(all.front().version, 1);
    for (std::size_t i = 1; i < all.size(); ++i) EXPECT_LT(all[i - 1].version, all[i].version) << all[i].name;
    for (const auto& m : all) EXPECT_EQ(m.name.find('.'), std::string::npos) << "engine suffix left in " << m.name;
  }
  auto sqlite = embedded_migrations(Engine::sqlite);
  EXPECT_TRUE(std::any_of(sqlite.begin(), sqlite.end(),
                          [](const Migration& m) { return m.sql.find("fts5") != std::string::npos; }));
}

// Issue 12.3: statements are split where they end, not where a line ends with a semicolon.
TEST(Migrations, SplitsAtTheEndOfStatementsNotInsideThem) {
  auto stmts = split_sql_statements(
      "CREATE TABLE t (\n  a TEXT DEFAULT 'x;', -- a comment; with a semicolon\n  b TEXT\n);\n"
      "INSERT INTO t (a) VALUES ('it''s;\nfine'); /* block; comment */ INSERT INTO t (a) VALUES (\"q;\");\n"
      "CREATE TRIGGER t_ai AFTER INSERT ON t BEGIN\n  UPDATE t SET b = CASE WHEN a = 'x' THEN 'y' END;\n"
      "  DELETE FROM t WHERE a IS NULL;\nEND;\n"
      "CREATE FUNCTION f() RETURNS trigger AS $body$ BEGIN NEW.b := 'z;'; RETURN NEW; END; $body$ LANGUAGE plpgsql;\n"
      "SELECT 1");
  ASSERT_EQ(stmts.size(), 6u) << ::testing::PrintToString(stmts);
  EXPECT_EQ(stmts[0].rfind("CREATE TABLE t (", 0), 0u);
  EXPECT_NE(stmts[0].find("DEFAULT 'x;'"), std::string::npos);
  EXPECT_EQ(stmts[0].find("comment"), std::string::npos) << "comments are dropped";
  EXPECT_EQ(stmts[1], "INSERT INTO t (a) VALUES ('it''s;\nfine')");
  EXPECT_EQ(stmts[2], "INSERT INTO t (a) VALUES (\"q;\")");
  EXPECT_EQ(stmts[3].rfind("CREATE TRIGGER", 0), 0u);
  EXPECT_NE(stmts[3].find("DELETE FROM t WHERE a IS NULL;\nEND"), std::string::npos) << stmts[3];
  EXPECT_NE(stmts[4].find("$body$ LANGUAGE plpgsql"), std::string::npos) << stmts[4];
  EXPECT_EQ(stmts[5], "SELECT 1");
}

TEST(SystemMail, BuildsSafeRfc5322Messages) {
  SystemEmail e{"ada@example.com", "Grüße\r\nBcc: evil@example.com", "Hello\n.\nBye"};
  auto msg = build_rfc5322(e, "Reach <no-reply@reach.local>", "id@reach.local", *parse_rfc3339("2026-11-24T10:00:00Z"));
  EXPECT_NE(msg.find("Date: Tue, 24 Nov 2026 10:00:00 +0000\r\n"), std::string::npos) << msg;
  EXPECT_EQ(msg.find("\r\nBcc:"), std::string::npos) << "header injection through the subject";
  EXPECT_NE(msg.find("Subject: =?UTF-8?B?"), std::string::npos);
  // Kept as written: libcurl dot-stuffs on the wire, so stuffing here too doubled the dot the reader saw.
  EXPECT_NE(msg.find("\r\n\r\nHello\r\n.\r\nBye\r\n"), std::string::npos) << msg;
  EXPECT_EQ(envelope_address("Reach <no-reply@reach.local>"), "no-reply@reach.local");
  EXPECT_EQ(envelope_address("plain@reach.local"), "plain@reach.local");
}

}  // namespace
}  // namespace reach

namespace reach {
namespace {

TEST(LeadMerge, NonEmptyIncomingFieldsWinAndEmptyOnesKeepWhatIsThere) {
  Lead existing;
  existing.id = "lead-1";
  existing.company_id = "company-1";
  existing.name = "Ada Lovelace";
  existing.created_at = "2026-12-01T10:00:00Z";
  existing.field("email") = "ada@example.com";
  existing.field("job_title") = "Countess";
  existing.field("city") = "London";
  Lead row;
  row.id = "row-id";
  row.field("job_title") = "Analyst";
  row.field("company") = "Engines";
  Lead merged = merged_lead(existing, row);
  EXPECT_EQ(merged.id, "lead-1") << "identity and creation stay the existing lead's";
  EXPECT_EQ(merged.created_at, "2026-12-01T10:00:00Z");
  EXPECT_EQ(merged.name, "Ada Lovelace") << "an empty name keeps the name";
  EXPECT_EQ(merged.field("job_title"), "Analyst");
  EXPECT_EQ(merged.field("company"), "Engines");
  EXPECT_EQ(merged.field("city"), "London");
  row.name = "Ada King";
  EXPECT_EQ(merged_lead(merged, row).name, "Ada King");
  EXPECT_EQ(merged_lead(existing, Lead{}).fields, existing.fields) << "an empty row changes nothing";
}

}  // namespace
}  // namespace reach

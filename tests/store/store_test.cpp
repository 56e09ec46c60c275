// Repositories against a real database: a fresh SQLite file, or PostgreSQL when REACH_TEST_DATABASE_URL
// is set (the test command runs this binary once per engine).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <future>
#include <set>
#include <thread>
#include <unistd.h>

#include "store/company_store.hpp"
#include "leads/lead_merge.hpp"
#include "store/lead_store.hpp"
#include "store/login_throttle_store.hpp"
#include "store/product_store.hpp"
#include "store/migrations.hpp"
#include "store/user_store.hpp"
#include "util/time_format.hpp"
#include "store/test_database.hpp"
#include "support/time_literal.hpp"
#include "util/random.hpp"

namespace reach {
namespace {

class StoreTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    test_db_ = new TestDatabase("store", 4);
    db_ = &test_db_->db();
    std::printf("[ engine ] store tests on %s\n", std::string(db_->dialect().name()).c_str());
  }
  static void TearDownTestSuite() { delete test_db_; }

  User make_user(const std::string& name) {
    User u{new_uuid(rng_), new_uuid(rng_) + "@example.com", name, "hash", true, time_at("2026-11-24T10:00:00Z")};
    EXPECT_TRUE(users_.insert(u));
    return u;
  }
  // A lead of the company with a name and an email, made at a fixed time (not yet stored).
  Lead make_lead(const Company& c, const std::string& name, const std::string& email) {
    Lead l;
    l.id = new_uuid(rng_);
    l.company_id = c.id;
    l.name = name;
    l.field(LeadField::email) = email;
    l.created_at = time_at("2026-12-01T10:00:00Z");
    return l;
  }
  Company make_company(const User& owner, const std::string& name) {
    Company c;
    c.id = new_uuid(rng_);
    c.user_id = owner.id;
    c.name = name;
    c.website = "https://example.com";
    c.created_at = time_at("2026-11-24T10:00:00Z");
    companies_.create_with_admin(c, Membership{new_uuid(rng_), owner.id, c.id, Role::admin, owner.email, owner.name});
    return c;
  }

  static TestDatabase* test_db_;
  static Database* db_;
  SecureRng rng_;
  UserStore users_{*db_};
  CompanyStore companies_{*db_};
  LoginThrottleStore throttle_{*db_};
};
TestDatabase* StoreTest::test_db_ = nullptr;
Database* StoreTest::db_ = nullptr;

TEST_F(StoreTest, MigrationsAreIdempotent) {
  EXPECT_EQ(apply_migrations(*db_), 0);
  EXPECT_TRUE(db_->ping());
}

TEST_F(StoreTest, UsersAreUniqueByEmailAndKeepNulls) {
  User u{new_uuid(rng_), new_uuid(rng_) + "@example.com", std::nullopt, "", false, time_at("2026-11-24T10:00:00Z")};
  ASSERT_TRUE(users_.insert(u));
  User again = u;
  again.id = new_uuid(rng_);
  EXPECT_FALSE(users_.insert(again));
  auto found = users_.find_by_email(u.email);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, u.id);
  EXPECT_FALSE(found->name);
  EXPECT_FALSE(found->verified);
  users_.mark_verified(u.id, time_at("2026-11-24T11:00:00Z"));
  users_.update_name(u.id, "Named", time_at("2026-11-24T11:00:00Z"));
  found = users_.find_by_id(u.id);
  EXPECT_TRUE(found->verified);
  EXPECT_EQ(found->name, "Named");
  EXPECT_FALSE(users_.find_by_email("nobody-" + new_uuid(rng_) + "@example.com"));
}

TEST_F(StoreTest, TokensAreSingleUseExpiringAndPurposeBound) {
  auto u = make_user("Tok");
  std::string h1 = new_uuid(rng_), h2 = new_uuid(rng_), h3 = new_uuid(rng_);
  users_.insert_token(h1, u.id, "verify_email", time_at("2026-11-25T10:00:00Z"), time_at("2026-11-24T10:00:00Z"));
  users_.insert_token(h2, u.id, "verify_email", time_at("2026-11-24T10:30:00Z"), time_at("2026-11-24T10:00:00Z"));
  users_.insert_token(h3, u.id, "reset_password", time_at("2026-11-25T10:00:00Z"), time_at("2026-11-24T10:00:00Z"));
  EXPECT_FALSE(users_.consume_token(h1, "reset_password", time_at("2026-11-24T11:00:00Z"))) << "wrong purpose";
  EXPECT_EQ(users_.consume_token(h1, "verify_email", time_at("2026-11-24T11:00:00Z")), u.id);
  EXPECT_FALSE(users_.consume_token(h1, "verify_email", time_at("2026-11-24T11:00:01Z"))) << "second use";
  EXPECT_FALSE(users_.consume_token(h2, "verify_email", time_at("2026-11-24T11:00:00Z"))) << "expired";
  users_.revoke_tokens(u.id, "reset_password", time_at("2026-11-24T11:00:00Z"));
  EXPECT_FALSE(users_.consume_token(h3, "reset_password", time_at("2026-11-24T11:00:00Z"))) << "revoked";
}

TEST_F(StoreTest, ConcurrentConsumersOfOneTokenGetOneSuccess) {
  auto u = make_user("Race");
  std::string h = new_uuid(rng_);
  users_.insert_token(h, u.id, "reset_password", time_at("2030-01-01T00:00:00Z"), time_at("2026-11-24T10:00:00Z"));
  std::atomic<int> wins{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&] {
      if (users_.consume_token(h, "reset_password", time_at("2026-11-24T10:00:01Z"))) ++wins;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(wins.load(), 1);
}

TEST_F(StoreTest, MembershipDecidesVisibility) {
  auto owner = make_user("Owner");
  auto stranger = make_user("Stranger");
  auto c = make_company(owner, "Visible Co");
  EXPECT_EQ(companies_.role_of(owner.id, c.id), Role::admin);
  EXPECT_FALSE(companies_.role_of(stranger.id, c.id));
  auto found = companies_.find(c.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->website, "https://example.com");
  EXPECT_FALSE(found->overview);
  EXPECT_EQ(companies_.list_for_user(owner.id).size(), 1u);
  EXPECT_TRUE(companies_.list_for_user(stranger.id).empty());

  EXPECT_TRUE(companies_.add_member(Membership{new_uuid(rng_), stranger.id, c.id, Role::sdr, "", {}},
                                    time_at("2026-11-24T10:05:00Z")));
  EXPECT_FALSE(companies_.add_member(Membership{new_uuid(rng_), stranger.id, c.id, Role::admin, "", {}},
                                     time_at("2026-11-24T10:00:00Z")))
      << "one seat per user and company";
  EXPECT_EQ(companies_.role_of(stranger.id, c.id), Role::sdr);
  auto members = companies_.members(c.id);
  ASSERT_EQ(members.size(), 2u);
  EXPECT_EQ(members[1].email, stranger.email) << "oldest seat first";

  companies_.soft_delete(c.id, time_at("2026-11-24T12:00:00Z"));
  EXPECT_FALSE(companies_.find(c.id));
  EXPECT_FALSE(companies_.role_of(owner.id, c.id)) << "a deleted company grants no access";
  EXPECT_TRUE(companies_.list_for_user(owner.id).empty());
  EXPECT_TRUE(companies_.roles_of_user(owner.id).empty());
}

TEST_F(StoreTest, CachedStatementsSeeWritesFromOtherConnections) {
  // find() and role_of() reuse prepared statements per connection. A reused statement must not keep
  // its connection's read snapshot: a change made through another connection is visible at once.
  auto owner = make_user("Snapshot");
  auto c = make_company(owner, "Snapshot Co");
  ASSERT_TRUE(companies_.find(c.id));  // first free connection (the pool's first)
  ASSERT_TRUE(companies_.role_of(owner.id, c.id));
  db_->with_session([&](soci::session&) {  // hold that connection so the delete uses another one
    companies_.soft_delete(c.id, time_at("2026-11-24T12:00:00Z"));
  });
  EXPECT_FALSE(companies_.find(c.id)) << "stale read through a cached statement";
  EXPECT_FALSE(companies_.role_of(owner.id, c.id)) << "stale read through a cached statement";
}

// Regression (issue 11.14): a failed statement was logged with every bound value (argon2 hashes, lead
// names, emails, phones). The error names the statement and the engine's reason, never a value.
TEST_F(StoreTest, AFailedStatementsErrorHoldsNoBoundValue) {
  const std::string secret = "$argon2id$v=19$m=65536,t=2,p=1$c2VjcmV0LXNhbHQ";
  const std::string email = "ann.secret@firm.example";
  auto message_of = [&](auto&& fn) -> std::string {
    try {
      db_->with_session(fn);
    } catch (const StoreError& e) {
      return e.what();
    }
    ADD_FAILURE() << "no StoreError";
    return "";
  };
  auto missing = message_of([&](soci::session& s) {
    s << "INSERT INTO no_such_table (h, e) VALUES (:h, :e)", soci::use(secret), soci::use(email);
  });
  EXPECT_NE(missing.find("no_such_table"), std::string::npos) << missing;
  EXPECT_EQ(missing.find("argon2"), std::string::npos) << missing;
  EXPECT_EQ(missing.find("ann.secret"), std::string::npos) << missing;

  db_->with_session([](soci::session& s) { s << "CREATE TABLE secret_probe (e TEXT UNIQUE)"; });
  db_->with_session([&](soci::session& s) { s << "INSERT INTO secret_probe (e) VALUES (:e)", soci::use(email); });
  auto duplicate =
      message_of([&](soci::session& s) { s << "INSERT INTO secret_probe (e) VALUES (:e)", soci::use(email); });
  EXPECT_NE(duplicate.find("secret_probe"), std::string::npos) << duplicate;
  EXPECT_EQ(duplicate.find("ann.secret"), std::string::npos)
      << "the engine's own detail repeats the value: " << duplicate;
  {
    Database::BulkTransaction tx(*db_);
    try {
      tx.run([&](soci::session& s) { s << "INSERT INTO secret_probe (e) VALUES (:e)", soci::use(email); });
      ADD_FAILURE() << "no error";
    } catch (const StoreError& e) {
      EXPECT_EQ(std::string(e.what()).find("ann.secret"), std::string::npos) << e.what();
    }
  }
  db_->with_session([](soci::session& s) { s << "DROP TABLE secret_probe"; });
  // A lead refused by the engine (no such company), through the SQLite path that binds values itself.
  LeadStore leads(*db_);
  Company nowhere;
  nowhere.id = "00000000-0000-4000-8000-000000000000";
  try {
    leads.insert(make_lead(nowhere, "Ann Secret", email));
    ADD_FAILURE() << "a lead of no company was stored";
  } catch (const StoreError& e) {
    EXPECT_EQ(std::string(e.what()).find("ann.secret"), std::string::npos) << e.what();
  }
}

TEST_F(StoreTest, ABulkTransactionCommitsWhenToldAndRollsBackTheRest) {
  db_->with_session([](soci::session& s) { s << "CREATE TABLE bulk_probe (n INTEGER)"; });
  auto committed = [&] {
    int n = 0;
    db_->with_session([&](soci::session& s) { s << "SELECT COUNT(*) FROM bulk_probe", soci::into(n); });
    return n;
  };
  auto insert = [](int n) {
    return [n](soci::session& s) { s << "INSERT INTO bulk_probe (n) VALUES (:n)", soci::use(n); };
  };
  {
    Database::BulkTransaction tx(*db_);
    EXPECT_EQ(tx.age().count(), 0) << "nothing open yet";
    tx.run(insert(1));
    tx.run(insert(2));
    EXPECT_GT(tx.age().count(), 0);
    EXPECT_EQ(committed(), 0) << "two batches, one open transaction, nothing committed";
    tx.commit();
    EXPECT_EQ(committed(), 2);
    tx.run(insert(3));
    EXPECT_THROW(tx.run([](soci::session& s) { s << "INSERT INTO no_such_table (n) VALUES (1)"; }), std::exception);
    EXPECT_EQ(tx.age().count(), 0) << "the failure closed the transaction";
    tx.run(insert(4));  // a new transaction
  }                     // ends without a commit
  EXPECT_EQ(committed(), 2) << "the failed batch took the uncommitted one with it; the last was never committed";
  db_->with_session([](soci::session& s) { s << "DROP TABLE bulk_probe"; });
}

TEST_F(StoreTest, ProductsSoftDeleteLeavesListingsButStaysReadable) {
  auto owner = make_user("Catalog");
  auto c = make_company(owner, "Catalog Co");
  ProductStore products(*db_);
  Product p;
  p.id = new_uuid(rng_);
  p.company_id = c.id;
  p.product_name = "Widget";
  p.file_name = c.id + "/" + p.id + "/widget.pdf";
  p.original_filename = "widget.pdf";
  p.content_type = "application/pdf";
  p.file_size = 5'000'000'000LL;  // larger than 32 bits
  p.description = "Widgets for everyone";
  p.created_at = time_at("2026-11-24T10:00:00Z");
  products.insert(p);
  auto found = products.find(c.id, p.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->file_size, 5'000'000'000LL);
  EXPECT_EQ(found->description, "Widgets for everyone");
  EXPECT_FALSE(found->product_url);
  EXPECT_FALSE(found->deleted);
  EXPECT_FALSE(products.find(new_uuid(rng_), p.id)) << "another company's id does not find it";

  p.product_url = "https://example.com/widget";
  products.update(p, time_at("2026-11-24T11:00:00Z"));
  EXPECT_EQ(products.find(c.id, p.id)->product_url, "https://example.com/widget");
  ASSERT_EQ(products.list(c.id).size(), 1u);
  products.soft_delete(c.id, p.id, time_at("2026-11-24T12:00:00Z"));
  EXPECT_TRUE(products.list(c.id).empty());
  ASSERT_TRUE(products.find(c.id, p.id));
  EXPECT_TRUE(products.find(c.id, p.id)->deleted);
}

TEST_F(StoreTest, LoginThrottleCountsAttemptsInTheWindowAndLocks) {
  std::string key = "email:" + new_uuid(rng_);
  for (int i = 1; i <= 3; ++i)
    EXPECT_EQ(throttle_.count_attempt(key, time_at("2026-11-24T10:00:0" + std::to_string(i) + "Z"),
                                      time_at("2026-11-24T09:45:00Z")),
              i);
  throttle_.forgive_attempt(key);
  EXPECT_EQ(throttle_.count_attempt(key, time_at("2026-11-24T10:00:05Z"), time_at("2026-11-24T09:45:00Z")), 3)
      << "a success is taken back";
  EXPECT_FALSE(throttle_.locked_until(key, time_at("2026-11-24T10:00:05Z")));
  throttle_.lock(key, time_at("2026-11-24T10:15:05Z"));
  EXPECT_EQ(throttle_.locked_until(key, time_at("2026-11-24T10:00:06Z")), time_at("2026-11-24T10:15:05Z"));
  EXPECT_FALSE(throttle_.locked_until(key, time_at("2026-11-24T10:15:06Z"))) << "the lock ends";
  throttle_.clear(key);
  EXPECT_FALSE(throttle_.locked_until(key, time_at("2026-11-24T10:00:06Z")));
  // Attempts older than the window start over.
  std::string slow = "ip:" + new_uuid(rng_);
  EXPECT_EQ(throttle_.count_attempt(slow, time_at("2026-11-24T08:00:00Z"), time_at("2026-11-24T07:45:00Z")), 1);
  EXPECT_EQ(throttle_.count_attempt(slow, time_at("2026-11-24T10:00:00Z"), time_at("2026-11-24T09:45:00Z")), 1);
}

// Regression (issue 11.11): under concurrency more guesses got through than the limit (8 of 24 at
// once). Counting is one atomic statement: 24 concurrent attempts get 24 different counts.
TEST_F(StoreTest, ConcurrentAttemptsGetDistinctCounts) {
  std::string key = "pair:" + new_uuid(rng_);
  std::vector<std::future<long long>> counts;
  for (int i = 0; i < 24; ++i)
    counts.push_back(std::async(std::launch::async, [&] {
      return throttle_.count_attempt(key, time_at("2026-11-24T10:00:00Z"), time_at("2026-11-24T09:45:00Z"));
    }));
  std::set<long long> seen;
  for (auto& c : counts) seen.insert(c.get());
  EXPECT_EQ(seen.size(), 24u);
  EXPECT_EQ(*seen.rbegin(), 24);
}

// Issue 11.22: past 10,000 matches PostgreSQL answers the planner's estimate instead of rechecking every
// match; SQLite's FTS5 counts from its index, exactly, at any size.
TEST_F(StoreTest, SearchCountsPastTenThousandMayBeEstimates) {
  LeadStore leads(*db_);
  auto c = make_company(make_user("Counter"), "Count Co");
  std::vector<Lead> batch;
  for (int i = 0; i < 10050; ++i) {
    Lead l;
    l.id = new_uuid(rng_);
    l.company_id = c.id;
    l.name = "Lead " + std::to_string(i);
    l.field(LeadField::email) = "count" + std::to_string(i) + "@example.com";
    l.field(LeadField::job_title) = i < 10020 ? "Welding Engineer" : "Buyer";
    l.created_at = time_at("2026-12-01T10:00:00Z");
    batch.push_back(std::move(l));
  }
  db_->in_transaction([&](soci::session& s) { leads.insert_batch(s, c.id, batch); });
  leads.refresh_statistics();
  auto few = leads.count(c.id, "buyer");
  EXPECT_EQ(few.total, 30);
  EXPECT_FALSE(few.estimate);
  auto many = leads.count(c.id, "welding");
  if (db_->engine() == Engine::postgresql) {
    EXPECT_TRUE(many.estimate);
    EXPECT_GT(many.total, LeadStore::kExactCountLimit);
  } else {
    EXPECT_FALSE(many.estimate);
    EXPECT_EQ(many.total, 10020);
  }
  EXPECT_EQ(leads.page(c.id, "welding", 20, 0).size(), 20u);
}

// PostgreSQL plans any prefix at 2% of the table, so "lovelace:*" over a million leads, a tenth of them
// Lovelaces, was counted (100+ ms) instead of estimated: the whole word's statistics bound it from below.
TEST_F(StoreTest, APrefixIsEstimatedAtLeastAsOftenAsItsWholeWord) {
  LeadStore leads(*db_);
  auto c = make_company(make_user("Prefix"), "Prefix Co");
  constexpr int kLeads = 60000;
  for (int done = 0; done < kLeads; done += 10000) {
    std::vector<Lead> batch;
    for (int i = done; i < done + 10000; ++i) {
      Lead l;
      l.id = new_uuid(rng_);
      l.company_id = c.id;
      l.name = "Ada Lovelace";
      l.field(LeadField::email) = "ada.lovelace" + std::to_string(i) + "@example.com";  // 60,000 "lovelaceN" words
      l.created_at = time_at("2026-12-01T10:00:00Z");
      batch.push_back(std::move(l));
    }
    db_->in_transaction([&](soci::session& s) { leads.insert_batch(s, c.id, batch); });
  }
  leads.refresh_statistics();
  auto lovelace = leads.count(c.id, "lovelace");
  if (db_->engine() == Engine::sqlite) {  // FTS5 counts exactly
    EXPECT_FALSE(lovelace.estimate);
    EXPECT_EQ(lovelace.total, kLeads);
    return;
  }
  EXPECT_TRUE(lovelace.estimate);
  // From the whole word's statistics, not the cap of a count (10,001). The planner multiplies in the
  // company's share of the table, which other tests' leads lower, so the figure is not the exact 60,000.
  EXPECT_GT(lovelace.total, 2 * LeadStore::kExactCountLimit);
  EXPECT_LE(lovelace.total, kLeads * 11 / 10);
}

// A list page reads its leads and their count together (SQLite: from one pass over the search index);
// it must answer what the page and the count answer alone, at every offset, for every kind of search.
TEST_F(StoreTest, APageReadWithItsCountAnswersAsThePageAndTheCountAlone) {
  LeadStore leads(*db_);
  auto owner = make_user("Pager");
  auto c = make_company(owner, "Page Co"), other = make_company(owner, "Other Page Co");
  std::vector<Lead> mine, theirs;
  for (int i = 0; i < 25; ++i) {
    mine.push_back(make_lead(c, "Ada Lovelace " + std::to_string(i), "ada" + std::to_string(i) + "@page.example"));
    theirs.push_back(make_lead(other, "Ada Lovelace", "ada" + std::to_string(i) + "@other.example"));
  }
  mine.push_back(make_lead(c, "Grace Hopper", "grace@page.example"));
  db_->in_transaction([&](soci::session& s) {
    leads.insert_batch(s, c.id, mine);
    leads.insert_batch(s, other.id, theirs);
  });
  leads.soft_delete(c.id, mine[3].id, time_at("2026-12-01T11:00:00Z"));
  auto ids = [](const std::vector<Lead>& page) {
    std::vector<std::string> out;
    for (const auto& l : page) out.push_back(l.id);
    return out;
  };
  for (std::string search : {"lovel", "ada lovelace", "ADA", "grace", "nobody", "", "ada7@page.example"}) {
    for (long long offset : {0, 10, 20, 30}) {
      auto both = leads.page_and_count(c.id, search, 10, offset);
      EXPECT_EQ(ids(both.leads), ids(leads.page(c.id, search, 10, offset))) << search << " at " << offset;
      EXPECT_EQ(both.count.total, leads.count(c.id, search).total) << search;
      EXPECT_FALSE(both.count.estimate);
    }
  }
  auto broad = leads.page_and_count(c.id, "lovel", 10, 20);
  EXPECT_EQ(broad.count.total, 24);  // 25, one deleted; none of the other company's
  ASSERT_EQ(broad.leads.size(), 4u);
  for (const auto& l : broad.leads) EXPECT_EQ(l.company_id, c.id);
}

// One GIN index of all companies' words made a small company's prefix search read every company's
// matches (75 ms, twice a search, beside a million leads): on PostgreSQL the index's words carry their
// company. Both engines find the small company's leads alone.
TEST_F(StoreTest, ASmallCompanysSearchBesideABigOneFindsItsOwnAndOnPostgresqlReadsOnlyThose) {
  LeadStore leads(*db_);
  auto owner = make_user("Neighbours");
  auto big = make_company(owner, "Big Co"), small = make_company(owner, "Small Co");
  auto lead = [&](const Company& co, const std::string& name, const std::string& email) {
    return make_lead(co, name, email);
  };
  std::vector<Lead> many;
  for (int i = 0; i < 3000; ++i)
    many.push_back(lead(big, "Ada Lovelace", "ada.lovelace" + std::to_string(i) + "@big.example"));
  db_->in_transaction([&](soci::session& s) { leads.insert_batch(s, big.id, many); });
  ASSERT_TRUE(leads.insert(lead(small, "Byron Lovelace", "byron@small.example")));
  ASSERT_TRUE(leads.insert(lead(small, "Mary Somerville", "mary.lovelace@small.example")));
  ASSERT_EQ(leads.page(small.id, "lovel", 20, 0).size(), 2u);
  EXPECT_EQ(leads.count(small.id, "lovel").total, 2);
  if (db_->engine() == Engine::sqlite) return;  // FTS5 intersects the company's token (not partitioned yet)
  // The index scan behind that search, as the store words it (the company's tag, the first 8 characters
  // of its id, then the word as a prefix): it reads the small company's two entries, not the big one's 3,000.
  std::string query = "'" + small.id.substr(0, 8) + "lovel':*", plan;
  db_->with_session([&](soci::session& s) {
    s << "SET enable_seqscan = off";
    s << "EXPLAIN (ANALYZE, FORMAT JSON) SELECT 1 FROM leads WHERE search_vector @@ to_tsquery('simple', :q)",
        soci::use(query), soci::into(plan);
    s << "RESET enable_seqscan";
  });
  auto scan = plan.find("\"Index Name\": \"leads_search\"");
  ASSERT_NE(scan, std::string::npos) << plan;
  auto rows = plan.find("\"Actual Rows\": ", scan);
  ASSERT_NE(rows, std::string::npos) << plan;
  EXPECT_EQ(std::atoll(plan.c_str() + rows + 15), 2) << plan;
}

TEST_F(StoreTest, AMergeWritesOnlyWhatChangesAndNothingWhenNothingDoes) {
  LeadStore leads(*db_);
  auto c = make_company(make_user("Merger"), "Merge Co");
  Lead l;
  l.id = new_uuid(rng_);
  l.company_id = c.id;
  l.name = "Ada Lovelace";
  l.field(LeadField::email) = "ada@merge.example";
  l.field(LeadField::job_title) = "Countess";
  l.created_at = time_at("2026-12-01T10:00:00Z");
  ASSERT_TRUE(leads.insert(l));
  auto updated_at = [&] {
    std::string t;
    db_->with_session(
        [&](soci::session& s) { s << "SELECT updated_at FROM leads WHERE id = :id", soci::use(l.id), soci::into(t); });
    return t;
  };
  auto merge = [&](const Lead& incoming, const std::string& now) {
    Lead probe;
    probe.company_id = c.id;
    probe.field(LeadField::email) = "ada@merge.example";
    auto existing = leads.find_duplicate(probe);
    ASSERT_TRUE(existing);
    db_->in_transaction([&](soci::session& s) {
      leads.write_changes(s, {{*existing, merged_lead(*existing, incoming)}}, time_at(now));
    });
  };
  Lead same;
  same.field(LeadField::email) = "ada@merge.example";
  same.field(LeadField::job_title) = "Countess";
  merge(same, "2026-12-02T10:00:00Z");
  EXPECT_EQ(updated_at(), "2026-12-01T10:00:00Z") << "nothing changed, nothing written (on both engines)";
  Lead promoted = same;
  promoted.field(LeadField::job_title) = "Analyst";
  promoted.field(LeadField::city) = "London";
  merge(promoted, "2026-12-02T11:00:00Z");
  EXPECT_EQ(updated_at(), "2026-12-02T11:00:00Z");
  auto after = leads.find(c.id, l.id);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->name, "Ada Lovelace") << "an empty incoming name keeps the name";
  EXPECT_EQ(after->field(LeadField::job_title), "Analyst");
  EXPECT_EQ(after->field(LeadField::city), "London");
  EXPECT_EQ(leads.count(c.id, "analyst").total, 1) << "the search index follows a changed title";
  EXPECT_EQ(leads.count(c.id, "countess").total, 0);
}

TEST_F(StoreTest, LeadSearchStaysInItsCompanyWhetherOrNotItHoldsEveryLead) {
  // SQLite drops the company's token from a search while the company holds every live lead: the
  // answers must not change as other companies' leads come and go.
  LeadStore leads(*db_);
  auto owner = make_user("Searcher");
  auto a = make_company(owner, "Alone Co"), b = make_company(owner, "Later Co");
  auto add = [&](const Company& c, const std::string& name, const std::string& email) {
    Lead l = make_lead(c, name, email);
    EXPECT_TRUE(leads.insert(l));
    return l.id;
  };
  auto names = [&](const Company& c, const std::string& search) {
    std::vector<std::string> out;
    for (const auto& l : leads.page(c.id, search, 10, 0)) out.push_back(l.name);
    std::sort(out.begin(), out.end());
    return out;
  };
  add(a, "Ada Lovelace", "ada@a.example");
  add(a, "Grace Hopper", "grace@a.example");
  EXPECT_EQ(names(a, "lov"), std::vector<std::string>{"Ada Lovelace"});
  EXPECT_EQ(leads.count(a.id, "a").total, 2);  // "a.example" and "Ada"
  auto other = add(b, "Ada Byron", "ada@b.example");
  EXPECT_EQ(names(a, "ada"), std::vector<std::string>{"Ada Lovelace"});
  EXPECT_EQ(leads.count(a.id, "ada").total, 1);
  EXPECT_EQ(names(b, "ada"), std::vector<std::string>{"Ada Byron"});
  leads.soft_delete(b.id, other, time_at("2026-12-01T11:00:00Z"));
  EXPECT_EQ(leads.count(a.id, "ada").total, 1);
  EXPECT_EQ(names(b, "ada"), std::vector<std::string>{});
  EXPECT_EQ(leads.count(b.id, "ada").total, 0);
}

// The search index is written by LeadStore alone (no triggers on SQLite; a generated column on
// PostgreSQL): every kind of write leaves the page and the count agreeing with the leads as stored.
TEST_F(StoreTest, TheSearchIndexFollowsEveryWrite) {
  LeadStore leads(*db_);
  auto owner = make_user("Indexer");
  auto c = make_company(owner, "Index Co"), other = make_company(owner, "Other Index Co");
  auto at = time_at("2026-12-01T12:00:00Z");
  auto lead = [&](const Company& co, const std::string& name, const std::string& email, const std::string& title) {
    Lead l = make_lead(co, name, email);
    l.field(LeadField::job_title) = title;
    return l;
  };
  // Page and count must agree, and find exactly these names.
  auto found = [&](const std::string& search) {
    std::vector<std::string> out;
    for (const auto& l : leads.page(c.id, search, 50, 0)) out.push_back(l.name);
    std::sort(out.begin(), out.end());
    EXPECT_EQ(leads.count(c.id, search).total, static_cast<long long>(out.size())) << search;
    return out;
  };
  using Names = std::vector<std::string>;
  // One by one and as a batch.
  auto ada = lead(c, "Ada Lovelace", "ada@index.example", "Analyst");
  ASSERT_TRUE(leads.insert(ada));
  std::vector<Lead> batch{lead(c, "Grace Hopper", "grace@index.example", "Admiral"),
                          lead(c, "Alan Turing", "alan@index.example", "Cryptanalyst")};
  db_->in_transaction([&](soci::session& s) { leads.insert_batch(s, c.id, batch); });
  ASSERT_TRUE(leads.insert(lead(other, "Ada Other", "ada@other.example", "Analyst")));
  EXPECT_EQ(found("ada"), (Names{"Ada Lovelace"}));
  EXPECT_EQ(found("admiral"), (Names{"Grace Hopper"}));
  // An import's merge of a changed title, and of a change to no searched column.
  Lead promoted = batch[0];
  promoted.field(LeadField::job_title) = "Rear Admiral Commodore";
  Lead moved = batch[1];
  moved.field(LeadField::city) = "Manchester";
  db_->in_transaction([&](soci::session& s) { leads.write_changes(s, {{batch[0], promoted}, {batch[1], moved}}, at); });
  EXPECT_EQ(found("commodore"), (Names{"Grace Hopper"}));
  EXPECT_EQ(found("cryptanalyst"), (Names{"Alan Turing"}));
  EXPECT_EQ(found("admiral"), (Names{"Grace Hopper"}));
  // An edit through the API (replace) of the name.
  Lead renamed = ada;
  renamed.name = "Augusta King";
  leads.replace(renamed, at);
  EXPECT_EQ(found("lovelace"), Names{});
  EXPECT_EQ(found("augusta"), (Names{"Augusta King"}));
  // A delete; a delete under another company's id changes nothing; a replace makes the lead live again.
  leads.soft_delete(c.id, batch[1].id, at);
  leads.soft_delete(other.id, ada.id, at);
  EXPECT_EQ(found("alan"), Names{});
  EXPECT_EQ(found("augusta"), (Names{"Augusta King"}));
  EXPECT_EQ(leads.count(c.id, "").total, 2);
  leads.replace(moved, at);
  EXPECT_EQ(found("alan"), (Names{"Alan Turing"}));
  EXPECT_EQ(leads.count(c.id, "").total, 3);
  // Enrichment writes no searched column; the other company's lead was never touched.
  leads.set_enriched_data(c.id, renamed.id, R"({"insights":[]})", at);
  EXPECT_EQ(found("augusta"), (Names{"Augusta King"}));
  EXPECT_EQ(leads.count(other.id, "ada").total, 1);
  if (db_->engine() == Engine::sqlite) {  // FTS5's own check of its index
    db_->with_session(
        [](soci::session& s) { s << "INSERT INTO leads_search (leads_search) VALUES ('integrity-check')"; });
  }
}

}  // namespace
}  // namespace reach

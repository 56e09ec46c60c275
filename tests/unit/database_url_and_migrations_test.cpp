// Database URLs (libpq keywords, redaction) and the migration splitter and embedding.
#include <gtest/gtest.h>

#include "store/database.hpp"
#include "store/migrations.hpp"

namespace reach {
namespace {

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

}  // namespace
}  // namespace reach

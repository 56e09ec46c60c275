// Numbered migrations (src/store/sql/NNNN_name[.engine].sql, compiled into the binary) applied in order, each
// once, recorded in schema_migrations. Safe when several processes start at once on PostgreSQL
// (advisory lock) or SQLite (write lock).
#pragma once
#include <string>
#include <vector>

#include "store/database.hpp"

namespace reach {

struct Migration {
  int version;
  std::string name;
  std::string sql;
};

// The embedded migrations for an engine, ordered by version. NNNN_name.sql is for both engines;
// NNNN_name.sqlite.sql and NNNN_name.postgresql.sql (same number) for the one named, where SQL differs.
std::vector<Migration> embedded_migrations(Engine engine);
// Statements of a migration script: split at ";" ending a line, comments dropped.
std::vector<std::string> split_sql_statements(const std::string& script);
// Applies what is missing; returns how many migrations ran.
int apply_migrations(Database& db);

}  // namespace reach

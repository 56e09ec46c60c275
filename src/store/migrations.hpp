// Numbered migrations (src/store/sql/NNNN_name.sql, compiled into the binary) applied in order, each
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

// The embedded migrations, ordered by version.
std::vector<Migration> embedded_migrations();
// Statements of a migration script: split at ";" ending a line, comments dropped.
std::vector<std::string> split_sql_statements(const std::string& script);
// Applies what is missing; returns how many migrations ran.
int apply_migrations(Database& db);

}  // namespace reach

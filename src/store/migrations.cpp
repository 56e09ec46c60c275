#include "store/migrations.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>

#include "assets/embedded_assets.hpp"
#include "domain/validation.hpp"
#include "util/clock.hpp"
#include "util/time_format.hpp"

namespace reach {
namespace {

constexpr long long kMigrationLockId = 7243100501;

void ensure_table(soci::session& s) {
  s << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
       "applied_at TEXT NOT NULL)";
}

int apply_pending(soci::session& s, const std::vector<Migration>& all) {
  int applied = 0;
  for (const auto& m : all) {
    int seen = 0;
    s << "SELECT COUNT(*) FROM schema_migrations WHERE version = :v", soci::use(m.version), soci::into(seen);
    if (seen > 0) continue;
    for (const auto& stmt : split_sql_statements(m.sql)) s << stmt;
    std::string now = format_rfc3339(SystemClock().now());
    s << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :t)", soci::use(m.version),
        soci::use(m.name), soci::use(now);
    ++applied;
  }
  return applied;
}

}  // namespace

std::vector<Migration> embedded_migrations(Engine engine) {
  std::vector<Migration> out;
  for (const auto& asset : embedded_assets()) {
    std::string name(asset.name);
    if (name.size() < 10 || name.substr(name.size() - 4) != ".sql" || !std::isdigit(static_cast<unsigned char>(name[0])))
      continue;
    name.resize(name.size() - 4);
    // NNNN_name.sql runs on both engines; NNNN_name.sqlite.sql / NNNN_name.postgresql.sql on one.
    auto dot = name.rfind('.');
    if (dot != std::string::npos) {
      std::string only = name.substr(dot + 1);
      if (only != Dialect{engine}.name()) continue;
      name.resize(dot);
    }
    out.push_back({std::stoi(name.substr(0, 4)), name, std::string(asset.content)});
  }
  std::sort(out.begin(), out.end(), [](const Migration& a, const Migration& b) { return a.version < b.version; });
  return out;
}

std::vector<std::string> split_sql_statements(const std::string& script) {
  std::vector<std::string> out;
  std::istringstream in(script);
  std::string line, current;
  while (std::getline(in, line)) {
    std::string t = trim(line);
    if (t.empty() || t.rfind("--", 0) == 0) continue;
    current += line + "\n";
    if (t.back() == ';') {
      current = trim(current);
      current.pop_back();
      out.push_back(current);
      current.clear();
    }
  }
  if (!trim(current).empty()) out.push_back(trim(current));
  return out;
}

int apply_migrations(Database& db) {
  auto all = embedded_migrations(db.engine());
  if (db.engine() == Engine::postgresql) {
    return db.with_session([&](soci::session& s) {
      s << "SELECT pg_advisory_lock(" + std::to_string(kMigrationLockId) + ")";
      try {
        s.begin();
        ensure_table(s);
        int n = apply_pending(s, all);
        s.commit();
        s << "SELECT pg_advisory_unlock(" + std::to_string(kMigrationLockId) + ")";
        return n;
      } catch (...) {
        try { s.rollback(); } catch (...) {}
        s << "SELECT pg_advisory_unlock(" + std::to_string(kMigrationLockId) + ")";
        throw;
      }
    });
  }
  return db.in_transaction([&](soci::session& s) {
    ensure_table(s);
    return apply_pending(s, all);
  });
}

}  // namespace reach

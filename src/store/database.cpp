#include "store/database.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <filesystem>
#include <mutex>
#include <stdexcept>

namespace reach {

std::string without_bound_values(const std::string& message) {
  std::string out = message;
  // SOCI: `... while executing "<statement>" with :v0="value", ...`; our statements never hold `" with :`.
  if (auto with = out.find("\" with :"); with != std::string::npos) out.erase(with + 1);
  // PostgreSQL repeats the offending values in its DETAIL line: `Key (company_id, email)=(..., ann@...)`.
  for (auto d = out.find("DETAIL:"); d != std::string::npos; d = out.find("DETAIL:", d)) {
    auto end = out.find('\n', d);
    out.erase(d, end == std::string::npos ? std::string::npos : end - d + 1);
  }
  return out;
}

StoreError::StoreError(const soci::soci_error& e) : std::runtime_error(without_bound_values(e.what())) {}

namespace {

// Process-wide SQLite settings, applied once before the first connection opens:
// - no memory statistics: they take a global mutex on every allocation;
// - multi-thread mode: the pool hands a connection to one thread at a time, so per-connection
//   mutexes only cost time. Measured in docs/BENCHMARKS.md.
void configure_sqlite_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite_api::sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
  });
}

}  // namespace

Database::Database(const std::string& url, std::size_t pool_size) : dialect_{Engine::sqlite}, pool_size_(pool_size) {
  if (pool_size == 0) throw std::invalid_argument("pool size must be at least 1");
  if (url.rfind("sqlite://", 0) == 0) {
    std::string path = url.substr(9);
    if (path.empty()) throw std::invalid_argument("sqlite URL has no file path (expected sqlite:///path/to/reach.db)");
    open_sqlite(path, pool_size);
  } else if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    dialect_ = Dialect{Engine::postgresql};
    open_postgresql(url, pool_size);
  } else {
    throw std::invalid_argument("unsupported database URL scheme (expected sqlite:// or postgresql://)");
  }
}

Database::~Database() = default;

std::string postgres_connect_string(const std::string& url) {
  auto scheme_end = url.find("://");
  std::string rest = url.substr(scheme_end + 3);
  std::string query;
  if (auto q = rest.find('?'); q != std::string::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  std::string userinfo, hostport = rest, dbname;
  if (auto at = rest.rfind('@'); at != std::string::npos) {
    userinfo = rest.substr(0, at);
    hostport = rest.substr(at + 1);
  }
  if (auto slash = hostport.find('/'); slash != std::string::npos) {
    dbname = hostport.substr(slash + 1);
    hostport = hostport.substr(0, slash);
  }
  std::string user = userinfo, password, host = hostport, port;
  if (auto colon = userinfo.find(':'); colon != std::string::npos) {
    user = userinfo.substr(0, colon);
    password = userinfo.substr(colon + 1);
  }
  if (auto colon = hostport.rfind(':'); colon != std::string::npos && hostport.find(']') == std::string::npos) {
    host = hostport.substr(0, colon);
    port = hostport.substr(colon + 1);
  }
  auto decode = [](const std::string& v) {
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (v[i] == '%' && i + 2 < v.size()) {
        out += static_cast<char>(std::stoi(v.substr(i + 1, 2), nullptr, 16));
        i += 2;
      } else {
        out += v[i];
      }
    }
    return out;
  };
  // libpq keyword=value with single-quoted values: SOCI passes this through untouched.
  auto kv = [&](const char* key, const std::string& raw) {
    if (raw.empty()) return std::string();
    std::string v = decode(raw), quoted = "'";
    for (char c : v) {
      if (c == '\\' || c == '\'') quoted += '\\';
      quoted += c;
    }
    return std::string(key) + "=" + quoted + "' ";
  };
  std::string out =
      kv("host", host) + kv("port", port) + kv("dbname", dbname) + kv("user", user) + kv("password", password);
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string pair = query.substr(0, amp);
    query = amp == std::string::npos ? "" : query.substr(amp + 1);
    if (auto eq = pair.find('='); eq != std::string::npos) out += kv(pair.substr(0, eq).c_str(), pair.substr(eq + 1));
  }
  return out;
}

void Database::open_sqlite(const std::string& path, std::size_t pool_size) {
  configure_sqlite_once();
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
  // soci::sqlite3_statement_backend::reset() is not exported by Debian's libsoci; its handle is public.
  reset_statement_ = [](soci::statement& st) {
    sqlite_api::sqlite3_reset(static_cast<soci::sqlite3_statement_backend*>(st.get_backend())->stmt_);
  };
  pool_ = std::make_unique<soci::connection_pool>(pool_size);
  for (std::size_t i = 0; i < pool_size; ++i) {
    soci::session& s = pool_->at(i);
    // SOCI's "timeout" is SQLite's busy timeout in seconds: writers wait for each other instead of failing.
    s.open(*soci::factory_sqlite3(), "db=\"" + path + "\" timeout=10");
    // 16 KiB pages for a new database (an existing one keeps its own): leads go into five B-trees at
    // once, and bigger pages split less and take fewer I/O calls. A million leads by one INSERT ...
    // SELECT: 18.1 s with 4 KiB pages, 14.1 s with 16 KiB (docs/BENCHMARKS.md, "Lead import").
    s << "PRAGMA page_size=16384";
    s << "PRAGMA journal_mode=WAL";
    s << "PRAGMA synchronous=NORMAL";
    s << "PRAGMA foreign_keys=ON";
    s << "PRAGMA temp_store=MEMORY";
  }
}

void Database::open_postgresql(const std::string& url, std::size_t pool_size) {
  pool_ = std::make_unique<soci::connection_pool>(pool_size);
  for (std::size_t i = 0; i < pool_size; ++i) {
    soci::session& s = pool_->at(i);
    s.open(*soci::factory_postgresql(), postgres_connect_string(url));
    s << "SET TIME ZONE 'UTC'";
  }
}

void Database::begin(soci::session& s) { s << std::string(dialect_.begin()); }

void Database::release(soci::statement& st) {
  if (reset_statement_) reset_statement_(st);
}

Database::BulkTransaction::BulkTransaction(Database& db) : db_(db), session_(*db.pool_) {
  if (auto start = db_.dialect().bulk_session_start(); !start.empty()) session_ << std::string(start);
}

Database::BulkTransaction::~BulkTransaction() {
  rollback();
  auto end = db_.dialect().bulk_session_end();
  if (end.empty()) return;
  try {
    session_ << std::string(end);  // the pooled connection goes back with the default settings
  } catch (const std::exception&) {
    // The settings stay on this connection (SQLite: a larger cache, slower to free memory): nothing wrong.
  }
}

void Database::BulkTransaction::commit() {
  if (!open_) return;
  try {
    session_.commit();
  } catch (...) {
    rollback();  // a failed COMMIT may leave the transaction open on the pooled connection
    throw;
  }
  open_ = false;
}

void Database::BulkTransaction::rollback() noexcept {
  if (!open_) return;
  open_ = false;
  try {
    session_.rollback();
  } catch (...) {
    // The connection is gone or broken: the database drops the transaction with it.
  }
}

std::chrono::steady_clock::duration Database::BulkTransaction::age() const {
  return open_ ? std::chrono::steady_clock::now() - opened_at_ : std::chrono::steady_clock::duration::zero();
}

bool Database::ping() {
  try {
    int one = 0;
    with_session([&](soci::session& s) { s << "SELECT 1", soci::into(one); });
    return one == 1;
  } catch (const std::exception&) {
    return false;
  }
}

std::string redact_database_url(const std::string& url) {
  auto scheme_end = url.find("://");
  auto at = url.rfind('@');
  if (scheme_end == std::string::npos || at == std::string::npos || at < scheme_end) return url;
  auto colon = url.find(':', scheme_end + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

}  // namespace reach

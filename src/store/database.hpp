// The database: a SOCI connection pool on SQLite (embedded default) or PostgreSQL (shared by many
// processes), picked by URL. Everything that touches SQL borrows a session here; only store/ does.
#pragma once
#include <soci/soci.h>

#include <chrono>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

namespace reach {

enum class Engine { sqlite, postgresql };

// The few places where the two engines' SQL differs, beside the lead classes (lead_engine.hpp): the
// only engine conditionals outside those.
struct Dialect {
  Engine engine;
  std::string_view name() const { return engine == Engine::sqlite ? "sqlite" : "postgresql"; }
  // Row locking for queue claims: PostgreSQL skips rows other workers hold; a SQLite statement runs alone.
  std::string_view skip_locked() const { return engine == Engine::postgresql ? " FOR UPDATE SKIP LOCKED" : ""; }
  // Locks the rows a SELECT reads until the transaction ends; SQLite's write transaction (below) already
  // excludes every other writer.
  std::string_view for_update() const { return engine == Engine::postgresql ? " FOR UPDATE" : ""; }
  // Opens a write transaction. SQLite takes the write lock up front, so two writers never deadlock
  // upgrading read locks.
  std::string_view begin() const { return engine == Engine::sqlite ? "BEGIN IMMEDIATE" : "BEGIN"; }
  // First statement of the migrations' transaction, so that one process migrates at a time (PostgreSQL:
  // a lock the transaction's end releases; SQLite: nothing, its write transaction is that lock).
  std::string_view migration_lock() const {
    return engine == Engine::postgresql ? "SELECT pg_advisory_xact_lock(7243100501)" : "";
  }
  // Session settings for a bulk transaction (an import), and back to the pool's defaults after it:
  // SQLite gets a 64 MB page cache; PostgreSQL needs nothing.
  std::string_view bulk_session_start() const { return engine == Engine::sqlite ? "PRAGMA cache_size = -65536" : ""; }
  std::string_view bulk_session_end() const { return engine == Engine::sqlite ? "PRAGMA cache_size = -2000" : ""; }
};

// A statement failed. The message is the engine's error and the statement's text; SOCI's own message
// also lists every bound value (password hashes, names, emails, phones), which must never reach a log.
class StoreError : public std::runtime_error {
 public:
  explicit StoreError(const soci::soci_error& e);
};

// SOCI's message of `e` without the bound values it appends (` with :name=value, ...`).
std::string without_bound_values(const std::string& soci_message);

class Database {
 public:
  // url: "sqlite:///abs/path.db", "sqlite://relative.db" or "postgresql://user:pass@host:port/db".
  // Throws std::invalid_argument with a message naming what is wrong in the URL.
  Database(const std::string& url, std::size_t pool_size);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  const Dialect& dialect() const { return dialect_; }
  Engine engine() const { return dialect_.engine; }

  // Runs fn with a pooled session; the session returns to the pool afterwards. A failed statement
  // leaves as StoreError, which names the statement and the error but never its bound values.
  template <typename Fn>
  auto with_session(Fn&& fn) {
    soci::session session(*pool_);
    try {
      return fn(session);
    } catch (const soci::soci_error& e) {
      throw StoreError(e);
    }
  }

  // Runs fn inside one transaction: committed when fn returns, rolled back when it throws.
  template <typename Fn>
  auto in_transaction(Fn&& fn) {
    return with_session([&](soci::session& s) {
      begin(s);
      try {
        if constexpr (std::is_void_v<decltype(fn(s))>) {
          fn(s);
          s.commit();
        } else {
          auto result = fn(s);
          s.commit();
          return result;
        }
      } catch (...) {
        try {
          s.rollback();
        } catch (...) {
        }
        throw;
      }
    });
  }

  // A transaction that stays open across many batches of writes (an import); see below.
  class BulkTransaction;

  // True when a trivial query answers: what /readyz reports.
  bool ping();

  // Ends the use of a prepared statement that will be executed again: on SQLite this resets it, so
  // the connection does not keep a read snapshot open (and see stale data) until the next execution.
  void release(soci::statement& st);

 private:
  void begin(soci::session& s);
  void open_sqlite(const std::string& path, std::size_t pool_size);
  void open_postgresql(const std::string& url, std::size_t pool_size);

  Dialect dialect_;
  // SQLite: ends a prepared statement's read snapshot (release()); PostgreSQL has none to end.
  void (*reset_statement_)(soci::statement&) = nullptr;
  std::unique_ptr<soci::connection_pool> pool_;
  std::size_t pool_size_ = 0;
};

// A transaction kept open across batch after batch and committed when its owner says: an import
// commits about once a second instead of after every 5,000 rows. A SQLite commit writes every page the
// transaction changed, and at a million leads one batch changes most of the email index's pages:
// commits were half of such an import's time. It holds one pooled session for its whole life (on
// SQLite with a 64 MB page cache); whatever is not committed when it ends is rolled back. One thread
// at a time.
class Database::BulkTransaction {
 public:
  explicit BulkTransaction(Database& db);
  ~BulkTransaction();
  BulkTransaction(const BulkTransaction&) = delete;
  BulkTransaction& operator=(const BulkTransaction&) = delete;

  // Runs fn inside the open transaction, beginning one if none is open. When fn throws, the whole
  // uncommitted transaction is rolled back and the exception goes on.
  template <typename Fn>
  void run(Fn&& fn) {
    if (!open_) {
      db_.begin(session_);
      open_ = true;
      opened_at_ = std::chrono::steady_clock::now();
    }
    try {
      fn(session_);
    } catch (const soci::soci_error& e) {
      rollback();
      throw StoreError(e);
    } catch (...) {
      rollback();
      throw;
    }
  }
  void commit();
  // How long the open transaction has held its locks (zero when none is open).
  std::chrono::steady_clock::duration age() const;

 private:
  void rollback() noexcept;

  Database& db_;
  soci::session session_;
  bool open_ = false;
  std::chrono::steady_clock::time_point opened_at_;
};

// libpq keyword/value form of a postgresql:// URL (percent-decoded, quoted); query parameters such as
// sslmode=require carry over.
std::string postgres_connect_string(const std::string& url);

// A database URL with its password replaced by "***": safe for logs.
std::string redact_database_url(const std::string& url);

}  // namespace reach

// Prepared statements kept per pooled connection for the queries every request runs, so SQLite and
// PostgreSQL parse and plan them once per connection instead of once per request (measured in
// docs/BENCHMARKS.md). A cached query is a struct whose members are the bound parameters and results
// and whose constructor prepares `st` against them; it is used by one thread at a time, like its
// connection.
#pragma once
#include "util/thread_safety.hpp"
#include <soci/soci.h>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <typeindex>
#include <utility>

#include "store/database.hpp"

namespace reach {

class StatementCache {
 public:
  explicit StatementCache(Database& db) : db_(db) {}

  // Runs a cached Q on session s for at most one row: fill(q) sets the parameters; when a row comes
  // back, read(q) turns q's bound members into the result. The statement is reset afterwards so it
  // never holds a read snapshot open.
  template <typename Q, typename Fill, typename Read>
  auto fetch_one(soci::session& s, Fill&& fill, Read&& read) -> std::optional<decltype(read(std::declval<Q&>()))> {
    Q& q = get<Q>(s);
    fill(q);
    try {
      std::optional<decltype(read(q))> result;
      if (q.st.execute(true)) result = read(q);
      db_.release(q.st);
      return result;
    } catch (...) {
      evict<Q>(s);  // a statement that failed may be unusable: prepare afresh next time
      throw;
    }
  }

 private:
  struct Entry {
    virtual ~Entry() = default;
  };
  template <typename Q>
  struct Holder final : Entry {
    explicit Holder(soci::session& s) : q(s) {}
    Q q;
  };
  using Key = std::pair<const void*, std::type_index>;

  template <typename Q>
  Q& get(soci::session& s) {
    Key key{s.get_backend(), std::type_index(typeid(Q))};
    MutexLock lock(mu_);
    auto it = entries_.find(key);
    if (it == entries_.end()) it = entries_.emplace(key, std::make_unique<Holder<Q>>(s)).first;
    return static_cast<Holder<Q>&>(*it->second).q;
  }

  template <typename Q>
  void evict(soci::session& s) {
    MutexLock lock(mu_);
    entries_.erase(Key{s.get_backend(), std::type_index(typeid(Q))});
  }

  Database& db_;
  Mutex mu_;
  std::map<Key, std::unique_ptr<Entry>> entries_ REACH_GUARDED_BY(mu_);
};

}  // namespace reach

#include "store/job_store.hpp"

#include <stdexcept>

#include "store/soci_optional.hpp"
#include "store/soci_time.hpp"
#include "util/time_format.hpp"

namespace reach {
namespace {

constexpr const char* kJobColumns =
    "id, kind, payload, status, attempts, max_attempts, run_at, locked_by, locked_until, last_error, finished_at";

std::optional<JobStatus> parse_status(const std::string& s) {
  if (s == "queued") return JobStatus::queued;
  if (s == "running") return JobStatus::running;
  if (s == "done") return JobStatus::done;
  if (s == "dead") return JobStatus::dead;
  return std::nullopt;
}

bool changed_one(soci::statement& st) {
  st.execute(true);
  return st.get_affected_rows() == 1;
}

}  // namespace

std::string JobStore::enqueue(const std::string& id, const NewJob& job, TimePoint now_time) {
  std::string now = format_rfc3339(now_time);
  return db_.with_session([&](soci::session& s) {
    std::string run_at = format_rfc3339(job.run_at.value_or(now_time));
    soci::statement st = (s.prepare << "INSERT INTO jobs (id, kind, payload, status, attempts, max_attempts, run_at, "
                                       "idempotency_key, created_at, updated_at) VALUES (:id, :k, :p, 'queued', 0, :m, "
                                       ":r, :key, :c, :u) ON CONFLICT (idempotency_key) DO NOTHING",
                          soci::use(id), soci::use(job.kind), soci::use(job.payload), soci::use(job.max_attempts),
                          soci::use(run_at), soci::use(job.idempotency_key), soci::use(now), soci::use(now));
    if (changed_one(st) || !job.idempotency_key) return id;
    std::string existing;
    s << "SELECT id FROM jobs WHERE idempotency_key = :key", soci::use(*job.idempotency_key), soci::into(existing);
    return existing;
  });
}

std::optional<Job> JobStore::claim(const std::string& worker, const std::vector<std::string>& kinds, TimePoint now_time,
                                   TimePoint lease_until_time) {
  std::string lease_until = format_rfc3339(lease_until_time);
  std::string now = format_rfc3339(now_time);
  if (kinds.empty()) return std::nullopt;
  // Kinds are names from code, never from requests; checked anyway before they become SQL literals.
  std::string kind_list;
  for (const auto& k : kinds) {
    if (k.empty() || k.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789._-") != std::string::npos)
      throw std::invalid_argument("invalid job kind '" + k + "'");
    kind_list += (kind_list.empty() ? "'" : ", '") + k + "'";
  }
  return db_.with_session([&](soci::session& s) -> std::optional<Job> {
    Job j;
    // Attempts count claims, so a job whose worker keeps dying still reaches max_attempts and dies.
    s << "UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_by = :w, locked_until = :until, "
         "updated_at = :now WHERE id = (SELECT id FROM jobs WHERE kind IN (" +
             kind_list +
             ") AND "
             "((status = 'queued' AND run_at <= :now2) OR (status = 'running' AND locked_until < :now3)) "
             "ORDER BY run_at, id LIMIT 1" +
             std::string(db_.dialect().skip_locked()) + ") RETURNING id, kind, payload, attempts, max_attempts, run_at",
        soci::use(worker), soci::use(lease_until), soci::use(now), soci::use(now), soci::use(now), soci::into(j.id),
        soci::into(j.kind), soci::into(j.payload), soci::into(j.attempts), soci::into(j.max_attempts),
        soci::into(j.run_at);
    if (!s.got_data()) return std::nullopt;
    j.status = JobStatus::running;
    j.locked_by = worker;
    j.locked_until = lease_until_time;
    return j;
  });
}

bool JobStore::complete(const std::string& id, const std::string& worker, TimePoint now_time) {
  std::string now = format_rfc3339(now_time);
  return db_.with_session([&](soci::session& s) {
    soci::statement st = (s.prepare << "UPDATE jobs SET status = 'done', locked_until = NULL, finished_at = :now, "
                                       "updated_at = :now2 WHERE id = :id AND locked_by = :w AND status = 'running'",
                          soci::use(now), soci::use(now), soci::use(id), soci::use(worker));
    return changed_one(st);
  });
}

bool JobStore::fail(const std::string& id, const std::string& worker, const std::string& error, bool dead,
                    TimePoint retry_at_time, TimePoint now_time) {
  std::string now = format_rfc3339(now_time);
  std::string retry_at = format_rfc3339(retry_at_time);
  return db_.with_session([&](soci::session& s) {
    std::string status = dead ? "dead" : "queued";
    std::optional<std::string> finished = dead ? std::optional<std::string>(now) : std::nullopt;
    soci::statement st = (s.prepare << "UPDATE jobs SET status = :st, last_error = :e, run_at = :r, locked_by = NULL, "
                                       "locked_until = NULL, finished_at = :f, updated_at = :now "
                                       "WHERE id = :id AND locked_by = :w AND status = 'running'",
                          soci::use(status), soci::use(error), soci::use(retry_at), soci::use(finished), soci::use(now),
                          soci::use(id), soci::use(worker));
    return changed_one(st);
  });
}

bool JobStore::release(const std::string& id, const std::string& worker, TimePoint now_time) {
  std::string now = format_rfc3339(now_time);
  return db_.with_session([&](soci::session& s) {
    // Handing a job back is not its fault: the claim does not count as an attempt.
    soci::statement st = (s.prepare << "UPDATE jobs SET status = 'queued', attempts = attempts - 1, locked_by = NULL, "
                                       "locked_until = NULL, run_at = :now, updated_at = :now2 "
                                       "WHERE id = :id AND locked_by = :w AND status = 'running'",
                          soci::use(now), soci::use(now), soci::use(id), soci::use(worker));
    return changed_one(st);
  });
}

bool JobStore::extend_lease(const std::string& id, const std::string& worker, TimePoint until) {
  return db_.with_session([&](soci::session& s) {
    soci::statement st = (s.prepare << "UPDATE jobs SET locked_until = :u WHERE id = :id AND locked_by = :w AND "
                                       "status = 'running'",
                          soci::use(until), soci::use(id), soci::use(worker));
    return changed_one(st);
  });
}

std::optional<Job> JobStore::find(const std::string& id) {
  return db_.with_session([&](soci::session& s) -> std::optional<Job> {
    Job j;
    std::string status;
    s << "SELECT " + std::string(kJobColumns) + " FROM jobs WHERE id = :id", soci::use(id), soci::into(j.id),
        soci::into(j.kind), soci::into(j.payload), soci::into(status), soci::into(j.attempts),
        soci::into(j.max_attempts), soci::into(j.run_at), soci::into(j.locked_by), soci::into(j.locked_until),
        soci::into(j.last_error), soci::into(j.finished_at);
    if (!s.got_data()) return std::nullopt;
    j.status = parse_status(status).value_or(JobStatus::queued);
    return j;
  });
}

std::map<std::string, long long> JobStore::count_by_status() {
  return db_.with_session([&](soci::session& s) {
    std::map<std::string, long long> out;
    for (const char* name : {"queued", "running", "done", "dead"}) {
      std::string status = name;  // bound by reference: must outlive the statement
      long long n = 0;
      s << "SELECT COUNT(*) FROM jobs WHERE status = :s", soci::use(status), soci::into(n);
      out[status] = n;
    }
    return out;
  });
}

}  // namespace reach

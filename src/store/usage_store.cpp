#include "store/usage_store.hpp"

#include "store/row_values.hpp"

namespace reach {

void UsageStore::add(const std::string& company_id, const std::string& provider, const std::string& day,
                     const LlmUsage& u) {
  long long requests = u.requests, prompt_tokens = u.prompt_tokens, completion_tokens = u.completion_tokens;
  db_.with_session([&](soci::session& s) {
    s << "INSERT INTO ai_usage (company_id, provider, day, requests, prompt_tokens, completion_tokens) "
         "VALUES (:c, :p, :d, :r, :pt, :ct) ON CONFLICT (company_id, provider, day) DO UPDATE SET "
         "requests = ai_usage.requests + excluded.requests, "
         "prompt_tokens = ai_usage.prompt_tokens + excluded.prompt_tokens, "
         "completion_tokens = ai_usage.completion_tokens + excluded.completion_tokens",
        soci::use(company_id), soci::use(provider), soci::use(day), soci::use(requests), soci::use(prompt_tokens),
        soci::use(completion_tokens);
  });
}

std::vector<UsageRow> UsageStore::list(const std::string& company_id, const std::string& from, const std::string& to) {
  return db_.with_session([&](soci::session& s) {
    std::vector<UsageRow> out;
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT day, provider, requests, prompt_tokens, completion_tokens FROM ai_usage "
                      "WHERE company_id = :c AND day >= :f AND day <= :t ORDER BY day, provider",
         soci::use(company_id), soci::use(from), soci::use(to));
    for (const auto& r : rows)
      out.push_back({r.get<std::string>(0), r.get<std::string>(1),
                     LlmUsage{integer_value(r, 2), integer_value(r, 3), integer_value(r, 4)}});
    return out;
  });
}

}  // namespace reach

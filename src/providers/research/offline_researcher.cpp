#include "providers/research/offline_researcher.hpp"

#include "util/bounded_json.hpp"

namespace reach {
namespace {

template <typename T>
std::future<T> ready(T value) {
  std::promise<T> p;
  p.set_value(std::move(value));
  return p.get_future();
}

// JSON lead fields (job_change, location_move, hiring_positions) as one readable phrase.
// One linear, bounded walk: a lead nested 10,000 deep once took 20 s and 3.3 GB here.
std::string describe(const std::string& json_text) {
  constexpr std::size_t kMaxPhrase = 500;
  auto j = parse_bounded_json(json_text);
  if (!j) return json_text.substr(0, kMaxPhrase);
  return json_phrase(*j, kMaxPhrase);
}

}  // namespace

std::future<CompanyResearch> OfflineResearcher::research_company(const CompanyFacts& c) {
  CompanyResearch r;
  r.source = "offline";
  std::string overview = c.name;
  if (c.industry) overview += " is a company in " + *c.industry;
  if (c.address) overview += std::string(c.industry ? "," : " is a company") + " based in " + *c.address;
  if (c.website) overview += " (website: " + *c.website + ")";
  r.overview = overview + ".";
  if (c.website) r.citations.push_back(*c.website);
  return ready(std::move(r));
}

std::future<LeadInsights> OfflineResearcher::lead_insights(const Lead& lead) {
  LeadInsights out;
  out.source = "offline";
  auto fact = [&](LeadField field, const std::string& prefix) {
    const auto& v = lead.field(field);
    if (v && !v->empty())
      out.facts.push_back({prefix + (is_json_lead_field(field) ? describe(*v) : *v), "lead record"});
  };
  fact(LeadField::job_change, "recently changed jobs: ");
  fact(LeadField::location_move, "recently moved: ");
  fact(LeadField::hiring_positions, "their company is hiring: ");
  fact(LeadField::company_size, "company size: ");
  fact(LeadField::hq_location, "headquarters: ");
  return ready(std::move(out));
}

}  // namespace reach

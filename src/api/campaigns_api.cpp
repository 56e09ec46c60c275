#include "api/campaigns_api.hpp"

#include "api/caller.hpp"
#include "api/pagination.hpp"
#include "campaigns/sending_window.hpp"
#include "http/json_input.hpp"
#include "util/random.hpp"
#include "util/time_format.hpp"

namespace reach::campaigns_api {
namespace {

nlohmann::json opt(const std::optional<std::string>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); }
nlohmann::json opt_time(const std::optional<TimePoint>& t) {
  return t ? nlohmann::json(format_rfc3339(*t)) : nlohmann::json(nullptr);
}

nlohmann::json campaign_json(const Campaign& c) {
  nlohmann::json schedule = nullptr;
  if (c.schedule)
    schedule = {{"timezone", c.schedule->timezone},
                {"days", c.schedule->days},
                {"start", format_minute_of_day(c.schedule->start_minute)},
                {"end", format_minute_of_day(c.schedule->end_minute)}};
  return {{"id", c.id},
          {"company_id", c.company_id},
          {"product_id", c.product_id},
          {"name", c.name},
          {"description", opt(c.description)},
          {"type", c.type},
          {"template", opt(c.template_text)},
          {"number_of_reminders", c.number_of_reminders},
          {"days_between_reminders", c.days_between_reminders},
          {"phone_number_of_reminders", c.phone_number_of_reminders},
          {"phone_days_between_reminders", c.phone_days_between_reminders},
          {"auto_reply_enabled", c.auto_reply_enabled},
          {"trigger_call_on", opt(c.trigger_call_on)},
          {"scheduled_at", opt_time(c.scheduled_at)},
          {"schedule", schedule},
          {"track_clicks", c.track_clicks},
          {"created_at", format_rfc3339(c.created_at)}};
}

nlohmann::json run_json(const RunWithCounts& r) {
  const auto& c = r.counts;
  return {{"id", r.run.id},
          {"campaign_id", r.run.campaign_id},
          {"run_at", format_rfc3339(r.run.run_at)},
          {"leads_total", r.run.leads_total},
          {"leads_processed", c.sent + c.failed + c.skipped + c.uncertain},
          {"has_failed_items", r.run.has_failed_items || c.failed > 0},
          {"status", run_status_name(r.run.status)},
          {"failure_reason", opt(r.run.failure_reason)},
          {"counts",
           {{"queued", c.queued},
            {"sent", c.sent},
            {"failed", c.failed},
            {"skipped", c.skipped},
            {"uncertain", c.uncertain},
            {"opened", c.opened},
            {"clicked", c.clicked},
            {"replied", c.replied},
            {"unsubscribed", c.unsubscribed},
            {"bounced", c.bounced}}},
          {"created_at", format_rfc3339(r.run.created_at)},
          {"finished_at", opt_time(r.run.finished_at)}};
}

// An integer field in [lo, hi], or `fallback` when absent.
int int_field(FieldReader& f, const nlohmann::json& body, const std::string& name, int lo, int hi, int fallback) {
  if (!body.contains(name) || body[name].is_null()) return fallback;
  const auto& v = body[name];
  if (!v.is_number_integer() || v.get<long long>() < lo || v.get<long long>() > hi) {
    f.add_error(name, "Input should be an integer from " + std::to_string(lo) + " to " + std::to_string(hi),
                "int_parsing");
    return fallback;
  }
  return static_cast<int>(v.get<long long>());
}

bool bool_field(FieldReader& f, const nlohmann::json& body, const std::string& name) {
  if (!body.contains(name) || body[name].is_null()) return false;
  if (!body[name].is_boolean()) {
    f.add_error(name, "Input should be a valid boolean", "bool_parsing");
    return false;
  }
  return body[name].get<bool>();
}

std::optional<SendingSchedule> schedule_field(FieldReader& f, const nlohmann::json& body) {
  if (!body.contains("schedule") || body["schedule"].is_null()) return std::nullopt;
  const auto& j = body["schedule"];
  try {
    if (!j.is_object() || !j.contains("days") || !j["days"].is_array() || j["days"].size() > 7)
      throw std::invalid_argument("schedule must be {timezone, days: [1..7], start: \"HH:MM\", end: \"HH:MM\"}");
    std::vector<int> days;
    for (const auto& d : j["days"]) {
      if (!d.is_number_integer()) throw std::invalid_argument("days are numbers from 1 (Monday) to 7 (Sunday)");
      days.push_back(static_cast<int>(d.get<long long>() > 100    ? 100
                                      : d.get<long long>() < -100 ? -100
                                                                  : d.get<long long>()));
    }
    auto text = [&](const char* k) {
      if (!j.contains(k) || !j[k].is_string() || j[k].get<std::string>().size() > 64)
        throw std::invalid_argument(std::string("schedule.") + k + " is required");
      return j[k].get<std::string>();
    };
    return parse_schedule(text("timezone"), days, text("start"), text("end"));
  } catch (const std::invalid_argument& e) {
    f.add_error("schedule", e.what(), "value_error");
    return std::nullopt;
  }
}

// The campaign when the caller may read it (404 for another tenant's, as for every object).
Campaign visible_campaign(const Request& req, Services& s, Permission permission) {
  auto campaign = s.campaigns.get(req.path_uuid("campaign_id"));
  try {
    s.access.require(caller_of(req), campaign.company_id, Permission::read_company);
  } catch (const ApiError&) {
    throw not_found("Campaign not found");
  }
  s.access.require(caller_of(req), campaign.company_id, permission);  // 403 for a role that may not
  return campaign;
}

CampaignRun visible_run(const Request& req, Services& s, Permission permission) {
  auto run = s.campaigns.find_run(req.path_uuid("run_id"));
  if (!run) throw not_found("Campaign run not found");
  try {
    s.access.require(caller_of(req), run->company_id, Permission::read_company);
  } catch (const ApiError&) {
    throw not_found("Campaign run not found");
  }
  s.access.require(caller_of(req), run->company_id, permission);
  return *run;
}

// An optional UUID in the query string: the filters of listings.
std::optional<std::string> uuid_query(const Request& req, const std::string& name) {
  auto it = req.query.find(name);
  if (it == req.query.end() || it->second.empty()) return std::nullopt;
  if (!is_uuid(it->second)) throw ValidationError({{{"query", name}, "Input should be a valid UUID", "uuid_parsing"}});
  return it->second;
}

nlohmann::json funnel_json(const EmailFunnel& f) {
  return {{"sent", f.sent},
          {"opened", f.opened},
          {"clicked", f.clicked},
          {"replied", f.replied},
          {"meeting_booked", f.meeting_booked},
          {"unsubscribed", f.unsubscribed},
          {"bounced", f.bounced}};
}

}  // namespace

Response create(const Request& req, Services& s) {
  auto [caller, company_id] = company_caller(req);
  auto body = json_object_body(req);
  FieldReader f(body);
  Campaign c;
  c.company_id = company_id;
  c.name = f.required_string("name", 200);
  c.description = f.optional_string("description", 5000);
  c.type = f.required_string("type", 20);
  if (!c.type.empty() && c.type != "email" && c.type != "call" && c.type != "email_and_call")
    f.add_error("type", "Input should be 'email', 'call' or 'email_and_call'", "enum");
  c.product_id = f.required_string("product_id", 36);
  c.template_text = f.optional_string("template", 20000);
  c.number_of_reminders = int_field(f, body, "number_of_reminders", 0, 10, 0);
  c.days_between_reminders = int_field(f, body, "days_between_reminders", 0, 365, 0);
  c.phone_number_of_reminders = int_field(f, body, "phone_number_of_reminders", 0, 10, 0);
  c.phone_days_between_reminders = int_field(f, body, "phone_days_between_reminders", 0, 365, 0);
  c.auto_reply_enabled = bool_field(f, body, "auto_reply_enabled");
  c.trigger_call_on = f.optional_string("trigger_call_on", 50);
  if (auto at = f.optional_string("scheduled_at", 40)) {
    c.scheduled_at = parse_rfc3339(*at);
    if (!c.scheduled_at) f.add_error("scheduled_at", "Input should be an RFC 3339 time", "datetime_parsing");
  }
  c.schedule = schedule_field(f, body);
  c.track_clicks = bool_field(f, body, "track_clicks");
  f.finish();
  return Response::json(200, campaign_json(s.campaigns.create(std::move(c))));
}

Response list(const Request& req, Services& s) {
  auto [caller, company_id] = company_caller(req);
  auto arr = nlohmann::json::array();
  for (const auto& c : s.campaigns.list(company_id)) arr.push_back(campaign_json(c));
  return Response::json(200, arr);
}

Response get(const Request& req, Services& s) {
  return Response::json(200, campaign_json(visible_campaign(req, s, Permission::read_company)));
}

Response run(const Request& req, Services& s) {
  auto campaign = visible_campaign(req, s, Permission::run_outreach);
  auto run_id = s.campaigns.run(campaign);
  s.workers.notify();
  return Response::json(200, {{"message", "Campaign request initiated successfully"}, {"campaign_run_id", run_id}});
}

Response runs(const Request& req, Services& s) {
  auto [caller, company_id] = company_caller(req);
  auto p = page_request(req);
  long long total = 0;
  auto items = nlohmann::json::array();
  for (const auto& r :
       s.campaigns.runs(company_id, uuid_query(req, "campaign_id"), (p.page - 1) * p.page_size, p.page_size, &total))
    items.push_back(run_json(r));
  return Response::json(200, paginated(std::move(items), total, p));
}

Response get_run(const Request& req, Services& s) {
  return Response::json(200, run_json(s.campaigns.with_counts(visible_run(req, s, Permission::read_company))));
}

Response cancel_run(const Request& req, Services& s) {
  return Response::json(200, run_json(s.campaigns.cancel(visible_run(req, s, Permission::run_outreach))));
}

Response run_items(const Request& req, Services& s) {
  auto run = visible_run(req, s, Permission::read_company);
  auto p = page_request(req);
  std::optional<ItemState> state;
  if (auto it = req.query.find("state"); it != req.query.end() && !it->second.empty()) {
    try {
      state = parse_item_state(it->second);
    } catch (const std::invalid_argument&) {
      throw ValidationError({{{"query", "state"},
                              "Input should be queued, written, sending, sent, skipped, failed or uncertain",
                              "enum"}});
    }
  }
  long long total = 0;
  auto items = nlohmann::json::array();
  for (const auto& i : s.campaigns.items(run, state, (p.page - 1) * p.page_size, p.page_size, &total))
    items.push_back({{"id", i.id},
                     {"lead_id", i.lead_id},
                     {"to_email", i.to_email},
                     {"state", item_state_name(i.state)},
                     {"attempts", i.attempts},
                     {"next_attempt_at", format_rfc3339(i.next_attempt_at)},
                     {"reason", opt(i.reason)},
                     {"subject", opt(i.subject)},
                     {"email_log_id", i.state == ItemState::sent ? nlohmann::json(i.email_log_id) : nlohmann::json()},
                     {"message_id", i.message_id},
                     {"sent_at", opt_time(i.sent_at)}});
  return Response::json(200, paginated(std::move(items), total, p));
}

Response emails(const Request& req, Services& s) {
  auto [caller, company_id] = company_caller(req);
  auto p = page_request(req);
  long long total = 0;
  auto items = nlohmann::json::array();
  for (const auto& e :
       s.campaigns.emails(company_id, EmailFilter{uuid_query(req, "campaign_id"), uuid_query(req, "lead_id")},
                          (p.page - 1) * p.page_size, p.page_size, &total))
    items.push_back({{"id", e.id},
                     {"campaign_id", e.campaign_id},
                     {"campaign_run_id", e.campaign_run_id},
                     {"lead_id", e.lead_id},
                     {"sent_at", format_rfc3339(e.sent_at)},
                     {"has_opened", e.open_count > 0},
                     {"open_count", e.open_count},
                     {"machine_open_count", e.machine_open_count},
                     {"first_opened_at", opt_time(e.first_opened_at)},
                     {"has_clicked", e.click_count > 0},
                     {"has_replied", e.has_replied},
                     {"has_meeting_booked", e.has_meeting_booked},
                     {"campaign_name", e.campaign_name},
                     {"lead_name", e.lead_name},
                     {"lead_email", opt(e.lead_email)}});
  return Response::json(200, paginated(std::move(items), total, p));
}

Response analytics(const Request& req, Services& s) {
  auto campaign = visible_campaign(req, s, Permission::read_company);
  std::optional<CampaignRun> run;
  if (auto run_id = uuid_query(req, "run_id")) {
    run = s.campaigns.find_run(*run_id);
    if (!run || run->campaign_id != campaign.id) throw not_found("Campaign run not found");
  }
  int days = 30;
  if (auto it = req.query.find("days"); it != req.query.end()) {
    const auto& v = it->second;
    bool digits = !v.empty() && v.size() <= 3 && v.find_first_not_of("0123456789") == std::string::npos;
    if (!digits || std::stoi(v) < 1 || std::stoi(v) > kMaxAnalyticsDays)
      throw ValidationError({{{"query", "days"},
                              "Input should be a whole number of days from 1 to " + std::to_string(kMaxAnalyticsDays),
                              "int_parsing"}});
    days = std::stoi(v);
  }
  auto a = s.campaigns.analytics(campaign, run, days);
  auto per_day = nlohmann::json::array();
  for (const auto& d : a.days)
    per_day.push_back(
        {{"date", d.date}, {"sent", d.sent}, {"opened", d.opened}, {"clicked", d.clicked}, {"replied", d.replied}});
  return Response::json(200, {{"campaign_id", campaign.id},
                              {"campaign_run_id", run ? nlohmann::json(run->id) : nlohmann::json()},
                              {"funnel", funnel_json(a.funnel)},
                              {"days", std::move(per_day)}});
}

Response thread(const Request& req, Services& s) {
  auto [caller, company_id] = company_caller(req);
  auto arr = nlohmann::json::array();
  for (const auto& m : s.campaigns.thread(company_id, req.path_uuid("email_log_id")))
    arr.push_back({{"message_id", m.message_id},
                   {"email_subject", m.email_subject},
                   {"email_body", m.email_body},
                   {"sender_type", m.sender_type},
                   {"sent_at", format_rfc3339(m.sent_at)},
                   {"from_name", opt(m.from_name)},
                   {"from_email", m.from_email},
                   {"to_email", m.to_email}});
  return Response::json(200, arr);
}

}  // namespace reach::campaigns_api

#include "campaigns/campaign_runner.hpp"

#include <spdlog/spdlog.h>

#include <condition_variable>
#include <deque>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "campaigns/email_composer.hpp"
#include "campaigns/sending_window.hpp"
#include "util/time_format.hpp"

namespace reach {
namespace {

constexpr std::size_t kMaxSubject = 200;
constexpr std::size_t kMaxBody = 20000;

// Addresses at these domains say nothing about the lead's employer: their research is not shared.
bool is_personal_mail_domain(const std::string& domain) {
  static const std::set<std::string> kDomains = {"gmail.com",   "googlemail.com", "yahoo.com",      "hotmail.com",
                                                 "outlook.com", "live.com",       "icloud.com",     "me.com",
                                                 "aol.com",     "proton.me",      "protonmail.com", "gmx.com",
                                                 "gmx.de",      "web.de",         "mail.com",       "yandex.ru"};
  return kDomains.count(domain) > 0;
}

std::string one_line(std::string text, std::size_t max) {
  for (char& c : text)
    if (c == '\r' || c == '\n' || c == '\t') c = ' ';
  auto first = text.find_first_not_of(' ');
  text = first == std::string::npos ? "" : text.substr(first);
  while (!text.empty() && text.back() == ' ') text.pop_back();
  if (text.size() > max) {
    text.resize(max);
    while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80) text.pop_back();  // UTF-8
    if (!text.empty() && static_cast<unsigned char>(text.back()) >= 0xC0) text.pop_back();
  }
  return text;
}

}  // namespace

struct CampaignRunner::Slice {
  CampaignRun run;
  Campaign campaign;
  Company sender;
  Product product;
  MailboxLogin login;
  EmailThrottle throttle;
  std::atomic<bool> login_refused{false};
  std::mutex mu;
  std::string failure_reason;
};

std::chrono::seconds CampaignRunner::backoff(int attempts) const {
  auto d = o_.retry_base * (1 << std::min(attempts - 1, 6));
  return std::min<std::chrono::seconds>(d, std::chrono::hours(1));
}

void CampaignRunner::run_slice(const std::string& run_id, int attempt, JobContext& context) {
  auto run = d_.store.find_run(run_id);
  if (!run || run->status != RunStatus::running) return;
  int slice_number = d_.store.next_slice(run_id);
  auto sending_cutoff = d_.clock.now() - sending_grace();
  if (auto n = d_.store.mark_sending_uncertain(run_id, sending_cutoff, d_.clock.now()))
    spdlog::warn("campaign_items_uncertain run_id={} items={}: found in sending after a stop", run_id, n);

  auto fail_run = [&](const std::string& reason) {
    d_.store.finish_run(run_id, RunStatus::failed, reason, d_.store.any_failed(run_id), d_.clock.now());
    d_.store.skip_unfinished(run_id, "the run failed: " + reason, d_.clock.now());
    spdlog::warn("campaign_run_failed run_id={} reason=\"{}\"", run_id, reason);
  };
  if (attempt >= kRunSliceAttempts)
    return fail_run("the run stopped " + std::to_string(attempt - 1) +
                    " times in a row before it could finish a slice; see the server log, then run the campaign again");
  Slice s;
  s.run = *run;
  try {
    auto campaign = d_.store.find(run->campaign_id);
    if (!campaign) return fail_run("the campaign no longer exists");
    s.campaign = *campaign;
    s.sender = d_.companies.get(run->company_id);
    s.product = d_.products.get(run->company_id, s.campaign.product_id);
  } catch (const ApiError& e) {
    return fail_run("the campaign's company or product is gone: " + e.message());
  }
  if (s.product.deleted) return fail_run("the campaign's product was deleted");
  auto login = d_.mailbox.login(run->company_id);
  if (!login) return fail_run("the company's mailbox credentials are missing");
  s.login = std::move(*login);
  s.throttle = d_.mailbox.throttle(run->company_id);

  // Workers take items from `queue`; this thread keeps it filled with ready items not yet in flight.
  std::mutex mu;
  std::condition_variable changed;
  std::deque<OutreachItem> queue;
  std::set<std::string> in_flight;
  // Items finished since the current ready_items query began: the query may have read them before their
  // worker's last write, so that copy is stale (old attempts, old due time) and must not be queued again.
  std::set<std::string> finished_since_query;
  bool closing = false;
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < o_.concurrency; ++i)
    threads.emplace_back([&] {
      for (;;) {
        OutreachItem item;
        {
          std::unique_lock lock(mu);
          changed.wait(lock, [&] { return closing || !queue.empty(); });
          if (queue.empty()) return;
          item = std::move(queue.front());
          queue.pop_front();
        }
        std::string id = item.id;
        try {
          process(s, std::move(item));
        } catch (const std::exception& e) {
          // The item stays where it was and is tried again in a later slice.
          spdlog::error("campaign_item_error run_id={} item_id={} error=\"{}\"", run_id, id, e.what());
        }
        {
          std::lock_guard lock(mu);
          in_flight.erase(id);
          finished_since_query.insert(id);
        }
        changed.notify_all();
      }
    });

  const auto started = std::chrono::steady_clock::now();
  const std::size_t window = o_.concurrency * 2;
  bool interrupted = false;
  for (;;) {
    if (context.stopping()) {
      interrupted = true;
      break;
    }
    if (s.login_refused || std::chrono::steady_clock::now() - started > o_.slice_budget) break;
    std::size_t flying;
    {
      std::lock_guard lock(mu);
      flying = in_flight.size();
      finished_since_query.clear();
    }
    std::vector<OutreachItem> ready;
    if (flying < window) ready = d_.store.ready_items(run_id, d_.clock.now(), static_cast<int>(window + flying));
    std::size_t added = 0;
    {
      std::lock_guard lock(mu);
      for (auto& item : ready) {
        if (in_flight.size() >= window) break;
        if (finished_since_query.count(item.id) || !in_flight.insert(item.id).second) continue;
        queue.push_back(std::move(item));
        ++added;
      }
      flying = in_flight.size();
    }
    changed.notify_all();
    if (added == 0 && flying == 0) break;  // nothing ready now, nothing in flight
    std::unique_lock lock(mu);
    changed.wait_for(lock, std::chrono::milliseconds(100), [&] { return in_flight.size() < o_.concurrency; });
  }
  {
    std::lock_guard lock(mu);
    closing = true;
    queue.clear();  // not started: they stay ready for the next slice
  }
  changed.notify_all();
  for (auto& t : threads) t.join();

  if (s.login_refused) return fail_run(s.failure_reason);
  auto current = d_.store.find_run(run_id);
  if (!current || current->status != RunStatus::running) return;  // cancelled meanwhile
  if (interrupted) throw JobInterrupted();
  // Next: the first queued or written item's time, or when an item left in `sending` can be declared.
  auto left = d_.store.pending(run_id);
  std::optional<TimePoint> due = left.next_due;
  if (left.oldest_sending && (!due || *left.oldest_sending + sending_grace() < *due))
    due = *left.oldest_sending + sending_grace() + std::chrono::seconds(1);
  if (!due) {
    bool failed = d_.store.any_failed(run_id);
    d_.store.finish_run(run_id, RunStatus::completed, std::nullopt, failed, d_.clock.now());
    spdlog::info("campaign_run_completed run_id={} slices={} has_failed_items={}", run_id, slice_number, failed);
    return;
  }
  auto at = std::max(*due, d_.clock.now());
  d_.jobs.enqueue(new_uuid(d_.rng),
                  NewJob{kCampaignRunJob, nlohmann::json{{"run_id", run_id}}.dump(),
                         "campaign.run:" + run_id + ":" + std::to_string(slice_number), kRunSliceAttempts, at},
                  d_.clock.now());
}

void CampaignRunner::process(Slice& s, OutreachItem item) {
  if (item.state == ItemState::queued && !write(s, item)) return;
  if (item.state == ItemState::written) send(s, item);
}

bool CampaignRunner::write(Slice& s, OutreachItem& item) {
  const std::string& company_id = s.run.company_id;
  auto skip = [&](const std::string& reason) {
    d_.store.finish_item(item.id, ItemState::skipped, reason, d_.clock.now());
    return false;
  };
  Lead lead;
  try {
    lead = d_.leads.get(company_id, item.lead_id);
  } catch (const ApiError&) {
    return skip("the lead was deleted");
  }
  if (lead.do_not_contact) return skip("the lead is marked do not contact");
  if (d_.mailbox.is_do_not_email(company_id, item.to_email)) return skip("the address is on the do-not-email list");
  try {
    std::optional<LeadEnrichment> enrichment;
    if (auto stored = d_.enrichments.find(lead.id, s.product.id))
      enrichment = enrichment_from_json(nlohmann::json::parse(stored->data));
    WritingInput in{
        s.sender, s.product, lead, insights(company_id, lead), enrichment, s.campaign.template_text.value_or("")};
    LlmAnswer answer = d_.writer.complete(writing_request(d_.prompts, "email", in)).get();
    d_.usage.record(company_id, d_.writer.provider(), answer.usage);
    EmailDraft draft = email_from(answer);
    std::string subject = one_line(draft.subject, kMaxSubject);
    std::string body = draft.body.size() > kMaxBody ? draft.body.substr(0, kMaxBody) : draft.body;
    if (subject.empty() || body.find_first_not_of(" \r\n\t") == std::string::npos)
      throw ProviderError(d_.writer.provider(), "the answer had an empty subject or body", false);
    if (!d_.store.set_written(item.id, subject, body, d_.clock.now())) return false;
    item.state = ItemState::written;
    item.subject = subject;
    item.body = body;
    item.attempts = 0;
    return true;
  } catch (const ApiError& e) {
    int attempts = item.attempts + 1;
    auto* provider = dynamic_cast<const ProviderError*>(&e);
    bool permanent = (provider && provider->permanent()) || attempts >= o_.max_write_attempts;
    if (permanent)
      d_.store.finish_item(item.id, ItemState::failed, "writing the email failed: " + e.message(), d_.clock.now());
    else
      d_.store.retry_later(item.id, ItemState::queued, attempts, d_.clock.now() + backoff(attempts), e.message(),
                           d_.clock.now());
    if (!e.log_detail().empty())
      spdlog::warn("campaign_write_failed item_id={} detail=\"{}\"", item.id, e.log_detail());
    return false;
  }
}

void CampaignRunner::send(Slice& s, const OutreachItem& item) {
  const std::string& company_id = s.run.company_id;
  auto now = d_.clock.now();
  if (s.campaign.schedule) {
    auto open = next_sending_time(*s.campaign.schedule, now);
    if (open > now) {
      d_.store.retry_later(item.id, ItemState::written, item.attempts, open,
                           "waiting for the campaign's sending window", now);
      return;
    }
  }
  if (s.login_refused) return;
  auto claim = d_.store.claim_send(item.id, company_id, s.throttle, now);
  if (auto* at = std::get_if<TimePoint>(&claim)) {
    d_.store.retry_later(item.id, ItemState::written, item.attempts, *at,
                         "waiting for the mailbox's sending limit (email-throttle)", now);
    return;
  }
  if (!std::get<bool>(claim)) return;  // the run was cancelled, or the item is no longer written

  std::string unsubscribe_url =
      o_.public_url + "/unsubscribe/" + d_.mailbox.unsubscribe_token({company_id, item.to_email, item.email_log_id});
  LinkTarget link_target;
  if (s.campaign.track_clicks) {
    // Each link gets a token recorded before the message leaves; the redirect goes only there.
    std::vector<std::pair<std::string, std::string>> links;
    for (const auto& url : find_links(*item.body)) links.emplace_back(random_token(d_.rng, 16), url);
    d_.logs.add_links(item.email_log_id, links);
    link_target = [links, base = o_.public_url + "/api/track-click/"](const std::string& url) {
      for (const auto& [token, target] : links)
        if (target == url) return base + token;
      return url;
    };
  }
  ComposedBody composed =
      compose_body(*item.body, o_.public_url + "/api/track-email/" + item.email_log_id, unsubscribe_url, link_target);
  OutgoingEmail mail;
  mail.from_email = s.login.settings.email;
  mail.from_name = s.login.settings.from_name;
  mail.to_email = item.to_email;
  mail.subject = *item.subject;
  mail.text_body = composed.text;
  mail.html_body = composed.html;
  mail.message_id = item.message_id;
  mail.unsubscribe_url = unsubscribe_url;
  mail.date = now;
  SendResult result = d_.mailer.send(s.login, mail);
  now = d_.clock.now();
  switch (result.outcome) {
    case SendOutcome::accepted:
      d_.store.mark_sent(item, SentEmail{s.campaign.id, *item.subject, *item.body, mail.from_name, mail.from_email},
                         now);
      return;
    case SendOutcome::temporary_failure: {
      int attempts = item.attempts + 1;
      if (attempts >= o_.max_send_attempts)
        d_.store.finish_item(
            item.id, ItemState::failed,
            "the mail server did not take the message after " + std::to_string(attempts) + " tries: " + result.reason,
            now);
      else
        d_.store.retry_later(item.id, ItemState::written, attempts, now + backoff(attempts), result.reason, now);
      return;
    }
    case SendOutcome::permanent_failure:
      d_.store.finish_item(item.id, ItemState::failed, "the mail server refused the message: " + result.reason, now);
      d_.mailbox.add_do_not_email(company_id, item.to_email, "bounced");
      return;
    case SendOutcome::login_failed: {
      d_.store.retry_later(item.id, ItemState::written, item.attempts, now, result.reason, now);
      std::lock_guard lock(s.mu);
      if (!s.login_refused.exchange(true))
        s.failure_reason = "the mailbox refused the login (" + result.reason +
                           "); update the account credentials and run the campaign again";
      return;
    }
    case SendOutcome::unknown:
      d_.store.finish_item(item.id, ItemState::uncertain,
                           "the mail server did not answer after the message was handed over (" + result.reason +
                               "): it may or may not have been delivered",
                           now);
      return;
  }
}

std::vector<LeadInsight> CampaignRunner::insights(const std::string& company_id, const Lead& lead) {
  auto lookup = [&]() -> std::vector<LeadInsight> {
    LeadInsights found = d_.researcher.lead_insights(lead).get();
    d_.usage.record(company_id, d_.researcher.provider(), found.usage);
    return found.facts;
  };
  try {
    // Offline insights come from the lead's own record: per lead, and free.
    const auto& email = lead.field(LeadField::email);
    auto at = email ? email->rfind('@') : std::string::npos;
    std::string domain = at == std::string::npos ? "" : email->substr(at + 1);
    if (d_.researcher.provider() == "offline" || domain.empty() || is_personal_mail_domain(domain)) return lookup();
    if (auto cached = d_.logs.research(company_id, domain)) {
      std::vector<LeadInsight> out;
      for (const auto& f : nlohmann::json::parse(cached->insights))
        out.push_back({f.value("fact", ""), f.value("source", "")});
      return out;
    }
    // One lookup per company domain at a time: the leads of one firm that arrive together wait for it.
    std::string key = company_id + "|" + domain;
    std::promise<std::vector<LeadInsight>> promise;
    std::shared_future<std::vector<LeadInsight>> pending;
    bool mine = false;
    {
      MutexLock lock(research_mu_);
      auto it = research_in_flight_.find(key);
      if (it == research_in_flight_.end()) {
        pending = promise.get_future().share();
        research_in_flight_.emplace(key, pending);
        mine = true;
      } else {
        pending = it->second;
      }
    }
    if (mine) {
      try {
        auto facts = lookup();
        nlohmann::json j = nlohmann::json::array();
        for (const auto& f : facts) j.push_back({{"fact", f.fact}, {"source", f.source}});
        d_.logs.put_research(company_id, domain, {j.dump(), d_.researcher.provider()}, d_.clock.now());
        promise.set_value(facts);
      } catch (...) {
        promise.set_exception(std::current_exception());
      }
      MutexLock lock(research_mu_);
      research_in_flight_.erase(key);
    }
    return pending.get();
  } catch (const ApiError& e) {
    spdlog::warn("campaign_research_failed lead_id={} error=\"{}\"", lead.id, e.message());
    return {};  // the email is written without research, as a preview would be
  }
}

}  // namespace reach

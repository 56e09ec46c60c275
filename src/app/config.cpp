#include "app/config.hpp"

#include <CLI/CLI.hpp>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <thread>

#include "domain/validation.hpp"
#include "http/trusted_proxies.hpp"
#include "ingest/phone_numbers.hpp"

namespace reach {

void add_config_options(CLI::App& cmd, Config& c) {
  cmd.add_option("--data-dir", c.data_dir, "Directory for the SQLite database, files, outbox and secret")
      ->envname("REACH_DATA_DIR");
  cmd.add_option("--database-url", c.database_url, "sqlite://PATH or postgresql://user:pass@host:port/db")
      ->envname("REACH_DATABASE_URL");
  cmd.add_option("--listen", c.listen, "HTTP listen address host:port")->envname("REACH_LISTEN");
  cmd.add_option("--public-url", c.public_url, "Base URL for links in emails")->envname("REACH_PUBLIC_URL");
  cmd.add_option("--secret-key", c.secret_key, "Signs tokens and derives encryption keys (>= 32 chars)")
      ->envname("REACH_SECRET_KEY");
  cmd.add_option("--jwt-ttl", c.jwt_ttl, "Access token lifetime: 3600, 30m, 24h, 7d")->envname("REACH_JWT_TTL");
  cmd.add_option("--system-smtp-url", c.system_smtp_url, "smtp[s]://user:pass@host:port for system mail")
      ->envname("REACH_SYSTEM_SMTP_URL");
  cmd.add_option("--system-mail-from", c.system_mail_from, "From address of system mail")
      ->envname("REACH_SYSTEM_MAIL_FROM");
  cmd.add_option("--max-body-bytes", c.max_body_bytes, "Largest accepted request body")
      ->envname("REACH_MAX_BODY_BYTES");
  cmd.add_option("--max-upload-bytes", c.max_upload_bytes, "Largest accepted file upload")
      ->envname("REACH_MAX_UPLOAD_BYTES");
  cmd.add_option("--max-lead-upload-bytes", c.max_lead_upload_bytes, "Largest accepted lead list (CSV) upload")
      ->envname("REACH_MAX_LEAD_UPLOAD_BYTES");
  cmd.add_option("--max-connections", c.max_connections, "Open HTTP connections at most")
      ->envname("REACH_MAX_CONNECTIONS");
  cmd.add_option("--max-body-bytes-in-flight", c.max_body_bytes_in_flight,
                 "Request body bytes held in memory by all requests together (more: 503)")
      ->envname("REACH_MAX_BODY_BYTES_IN_FLIGHT");
  cmd.add_option("--metrics-token", c.metrics_token,
                 "Bearer token a scraper sends to read /metrics (unset: /metrics is closed)")
      ->envname("REACH_METRICS_TOKEN");
  cmd.add_flag("--test-clock", c.test_clock,
               "Tests only: POST /api/test/clock sets and moves Reach's clock (loopback and http:// only)")
      ->envname("REACH_TEST_CLOCK");
  cmd.add_option("--trusted-proxies", c.trusted_proxies,
                 "Reverse proxies (addresses or CIDR ranges, comma-separated) whose X-Forwarded-For names the client")
      ->envname("REACH_TRUSTED_PROXIES");
  cmd.add_option("--max-uploads-in-flight", c.max_uploads_in_flight,
                 "File uploads received at once, each spooled to disk (more: 503)")
      ->envname("REACH_MAX_UPLOADS_IN_FLIGHT");
  cmd.add_option("--http-threads", c.http_threads, "HTTP worker threads (default: max(4, 2 x cores))")
      ->envname("REACH_HTTP_THREADS");
  cmd.add_option("--default-phone-region", c.default_phone_region,
                 "ISO country code for phone numbers without a country code (and no country on the lead)")
      ->envname("REACH_DEFAULT_PHONE_REGION");
  cmd.add_option("--job-lease", c.job_lease, "How long a job stays claimed by a worker that stopped answering")
      ->envname("REACH_JOB_LEASE");
  cmd.add_option("--import-batch-rows", c.import_batch_rows, "Rows a lead import reads and writes at once")
      ->envname("REACH_IMPORT_BATCH_ROWS");
  cmd.add_option("--import-commit-ms", c.import_commit_ms,
                 "How long a lead import writes batches before it commits them: its checkpoint after a crash, "
                 "and on SQLite how long other writers may wait (0: commit every batch)")
      ->envname("REACH_IMPORT_COMMIT_MS");
  cmd.add_option("--workers", c.workers, "Job worker threads in this process (0: none)")->envname("REACH_WORKERS");
  cmd.add_option("--db-pool-size", c.db_pool_size, "Database connections (default: http threads + workers + 2)")
      ->envname("REACH_DB_POOL_SIZE");
  cmd.add_option("--log-level", c.log_level, "trace, debug, info, warn, error")->envname("REACH_LOG_LEVEL");
  cmd.add_option("--campaign-concurrency", c.campaign_concurrency,
                 "Outreach items a campaign run works on at once in this process")
      ->envname("REACH_CAMPAIGN_CONCURRENCY");
  cmd.add_option("--campaign-mail", c.campaign_mail,
                 "smtp (send from each company's mailbox) or outbox (write .eml files under <data dir>/outbox)")
      ->envname("REACH_CAMPAIGN_MAIL");
  cmd.add_option("--smtp-timeout", c.smtp_timeout, "How long one campaign message may take to send")
      ->envname("REACH_SMTP_TIMEOUT");
  add_ai_options(cmd, c);
}

void add_ai_options(CLI::App& cmd, Config& c) {
  cmd.add_option("--llm", c.llm, "offline, openai or anthropic (default: the one with a key, else offline)")
      ->envname("REACH_LLM");
  cmd.add_option("--research", c.research, "offline or perplexity (default: perplexity with a key, else offline)")
      ->envname("REACH_RESEARCH");
  cmd.add_option("--openai-base-url", c.openai_base_url, "OpenAI-compatible server (Ollama: http://localhost:11434)")
      ->envname("REACH_OPENAI_BASE_URL");
  cmd.add_option("--openai-api-key", c.openai_api_key, "API key of the OpenAI-compatible server")
      ->envname("REACH_OPENAI_API_KEY");
  cmd.add_option("--openai-model", c.openai_model, "Chat model")->envname("REACH_OPENAI_MODEL");
  cmd.add_option("--openai-json-mode", c.openai_json_mode, "schema, object or prompt")
      ->envname("REACH_OPENAI_JSON_MODE");
  cmd.add_option("--anthropic-base-url", c.anthropic_base_url, "Anthropic API base")
      ->envname("REACH_ANTHROPIC_BASE_URL");
  cmd.add_option("--anthropic-api-key", c.anthropic_api_key, "Anthropic API key")->envname("REACH_ANTHROPIC_API_KEY");
  cmd.add_option("--anthropic-model", c.anthropic_model, "Anthropic model")->envname("REACH_ANTHROPIC_MODEL");
  cmd.add_option("--perplexity-base-url", c.perplexity_base_url, "Perplexity API base")
      ->envname("REACH_PERPLEXITY_BASE_URL");
  cmd.add_option("--perplexity-api-key", c.perplexity_api_key, "Perplexity API key")
      ->envname("REACH_PERPLEXITY_API_KEY");
  cmd.add_option("--perplexity-model", c.perplexity_model, "Perplexity model")->envname("REACH_PERPLEXITY_MODEL");
  cmd.add_option("--ai-concurrency", c.ai_concurrency, "Requests in flight per AI provider")
      ->envname("REACH_AI_CONCURRENCY");
  cmd.add_option("--ai-rpm", c.ai_rpm, "Requests per minute per AI provider (0: no limit)")->envname("REACH_AI_RPM");
  cmd.add_option("--ai-max-retries", c.ai_max_retries, "Retries of a failed AI request")
      ->envname("REACH_AI_MAX_RETRIES");
  cmd.add_option("--ai-timeout", c.ai_timeout, "Time limit of one AI request attempt")->envname("REACH_AI_TIMEOUT");
  cmd.add_option("--ai-prices", c.ai_prices,
                 "What AI tokens cost, for usage in money: provider=prompt/completion US dollars per million "
                 "tokens, comma separated (openai=0.15/0.60,perplexity=1/1)")
      ->envname("REACH_AI_PRICES");
  cmd.add_option("--research-deadline", c.research_deadline,
                 "How long company creation waits for research before finishing it in the background")
      ->envname("REACH_RESEARCH_DEADLINE");
  cmd.add_option("--prompts-dir", c.prompts_dir, "Directory of prompt templates that override the built-in ones")
      ->envname("REACH_PROMPTS_DIR");
}

namespace {

void validate_ai(Config& c) {
  if (c.llm.empty())
    c.llm = !c.openai_api_key.empty() ? "openai" : !c.anthropic_api_key.empty() ? "anthropic" : "offline";
  if (c.llm != "offline" && c.llm != "openai" && c.llm != "anthropic")
    throw ConfigError("REACH_LLM", "expected offline, openai or anthropic, got '" + c.llm + "'");
  if (c.llm == "anthropic" && c.anthropic_api_key.empty())
    throw ConfigError("REACH_ANTHROPIC_API_KEY", "must be set when REACH_LLM is anthropic");
  if (c.research.empty()) c.research = c.perplexity_api_key.empty() ? "offline" : "perplexity";
  if (c.research != "offline" && c.research != "perplexity")
    throw ConfigError("REACH_RESEARCH", "expected offline or perplexity, got '" + c.research + "'");
  if (c.research == "perplexity" && c.perplexity_api_key.empty())
    throw ConfigError("REACH_PERPLEXITY_API_KEY", "must be set when REACH_RESEARCH is perplexity");
  for (auto [key, url] : {std::pair{"REACH_OPENAI_BASE_URL", &c.openai_base_url},
                          std::pair{"REACH_ANTHROPIC_BASE_URL", &c.anthropic_base_url},
                          std::pair{"REACH_PERPLEXITY_BASE_URL", &c.perplexity_base_url}})
    if (url->rfind("http://", 0) != 0 && url->rfind("https://", 0) != 0)
      throw ConfigError(key, "must start with http:// or https://, got '" + *url + "'");
  if (c.openai_json_mode != "schema" && c.openai_json_mode != "object" && c.openai_json_mode != "prompt")
    throw ConfigError("REACH_OPENAI_JSON_MODE", "expected schema, object or prompt");
  if (c.ai_concurrency == 0 || c.ai_concurrency > 1024) throw ConfigError("REACH_AI_CONCURRENCY", "must be 1-1024");
  if (c.ai_max_retries < 0 || c.ai_max_retries > 10) throw ConfigError("REACH_AI_MAX_RETRIES", "must be 0-10");
  auto timeout = parse_duration(c.ai_timeout);
  if (!timeout) throw ConfigError("REACH_AI_TIMEOUT", "expected a duration such as 60s, got '" + c.ai_timeout + "'");
  c.ai_timeout_seconds = *timeout;
  auto deadline = parse_duration(c.research_deadline);
  if (!deadline && c.research_deadline != "0")
    throw ConfigError("REACH_RESEARCH_DEADLINE", "expected a duration such as 15s, got '" + c.research_deadline + "'");
  c.research_deadline_seconds = deadline.value_or(std::chrono::seconds(0));
  std::string price_error;
  auto prices = parse_ai_prices(c.ai_prices, price_error);
  if (!prices) throw ConfigError("REACH_AI_PRICES", price_error);
  c.ai_price_table = std::move(*prices);
  if (!c.prompts_dir.empty() && !std::filesystem::is_directory(c.prompts_dir))
    throw ConfigError("REACH_PROMPTS_DIR", "not a directory: '" + c.prompts_dir + "'");
}

}  // namespace

std::optional<std::chrono::seconds> parse_duration(const std::string& text) {
  if (text.empty()) return std::nullopt;
  std::size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  if (digits == 0 || digits > 9) return std::nullopt;
  long long n = std::stoll(text.substr(0, digits));
  std::string unit = text.substr(digits);
  long long mult = unit.empty() || unit == "s" ? 1 : unit == "m" ? 60 : unit == "h" ? 3600 : unit == "d" ? 86400 : 0;
  if (mult == 0 || n == 0) return std::nullopt;
  return std::chrono::seconds(n * mult);
}

void validate(Config& c) {
  if (c.data_dir.empty()) throw ConfigError("REACH_DATA_DIR", "must not be empty");
  if (c.database_url.empty())
    c.database_url = "sqlite://" + std::filesystem::absolute(std::filesystem::path(c.data_dir) / "reach.db").string();
  if (c.database_url.rfind("sqlite://", 0) != 0 && c.database_url.rfind("postgresql://", 0) != 0 &&
      c.database_url.rfind("postgres://", 0) != 0)
    throw ConfigError("REACH_DATABASE_URL", "expected sqlite://PATH or postgresql://user:pass@host:port/db");

  auto colon = c.listen.rfind(':');
  if (colon == std::string::npos || colon == 0)
    throw ConfigError("REACH_LISTEN", "expected host:port, got '" + c.listen + "'");
  c.listen_host = c.listen.substr(0, colon);
  std::string port = c.listen.substr(colon + 1);
  if (port.empty() || port.size() > 5 || !std::all_of(port.begin(), port.end(), ::isdigit) || std::stoi(port) == 0 ||
      std::stoi(port) > 65535)
    throw ConfigError("REACH_LISTEN", "port must be 1-65535, got '" + port + "'");
  c.listen_port = static_cast<std::uint16_t>(std::stoi(port));

  if (c.public_url.empty()) c.public_url = "http://" + c.listen;
  if (c.public_url.rfind("http://", 0) != 0 && c.public_url.rfind("https://", 0) != 0)
    throw ConfigError("REACH_PUBLIC_URL", "must start with http:// or https://");
  while (c.public_url.size() > 8 && c.public_url.back() == '/') c.public_url.pop_back();

  if (c.test_clock) {
    bool loopback = c.listen_host == "127.0.0.1" || c.listen_host == "localhost" || c.listen_host == "[::1]";
    if (!loopback || c.public_url.rfind("https://", 0) == 0)
      throw ConfigError("REACH_TEST_CLOCK",
                        "is for tests: it lets any client move the clock, so it needs a loopback REACH_LISTEN "
                        "and an http:// REACH_PUBLIC_URL");
  }

  if (!c.secret_key.empty() && c.secret_key.size() < 32)
    throw ConfigError("REACH_SECRET_KEY", "must be at least 32 characters");
  auto ttl = parse_duration(c.jwt_ttl);
  if (!ttl) throw ConfigError("REACH_JWT_TTL", "expected seconds or a number with s/m/h/d, got '" + c.jwt_ttl + "'");
  c.jwt_ttl_seconds = *ttl;

  if (!c.system_smtp_url.empty() && c.system_smtp_url.rfind("smtp://", 0) != 0 &&
      c.system_smtp_url.rfind("smtps://", 0) != 0)
    throw ConfigError("REACH_SYSTEM_SMTP_URL", "expected smtp://host:port or smtps://user:pass@host:port");
  std::string from_addr = c.system_mail_from;
  if (auto lt = from_addr.find('<'); lt != std::string::npos)
    from_addr = from_addr.substr(lt + 1, from_addr.find('>') - lt - 1);
  if (!normalize_email(from_addr))
    throw ConfigError("REACH_SYSTEM_MAIL_FROM", "not an email address: '" + c.system_mail_from + "'");
  if (c.max_body_bytes < 1024) throw ConfigError("REACH_MAX_BODY_BYTES", "must be at least 1024");
  if (c.max_upload_bytes < 1024) throw ConfigError("REACH_MAX_UPLOAD_BYTES", "must be at least 1024");
  if (c.max_lead_upload_bytes < 1024) throw ConfigError("REACH_MAX_LEAD_UPLOAD_BYTES", "must be at least 1024");
  if (c.max_connections < 8 || c.max_connections > 100000)
    throw ConfigError("REACH_MAX_CONNECTIONS", "must be 8-100000");
  if (c.max_body_bytes_in_flight < c.max_body_bytes)
    throw ConfigError("REACH_MAX_BODY_BYTES_IN_FLIGHT", "must be at least REACH_MAX_BODY_BYTES");
  if (c.max_uploads_in_flight < 1) throw ConfigError("REACH_MAX_UPLOADS_IN_FLIGHT", "must be at least 1");
  try {
    TrustedProxies::parse(c.trusted_proxies);
  } catch (const std::invalid_argument& e) {
    throw ConfigError("REACH_TRUSTED_PROXIES", e.what());
  }
  if (c.http_threads == 0) c.http_threads = std::max(4u, 2 * std::thread::hardware_concurrency());
  if (c.http_threads > 256) throw ConfigError("REACH_HTTP_THREADS", "must be 1-256");
  if (c.workers > 64) throw ConfigError("REACH_WORKERS", "must be 0-64");
  auto lease = parse_duration(c.job_lease);
  if (!lease || lease->count() < 2)
    throw ConfigError("REACH_JOB_LEASE", "expected a duration of at least 2s, got '" + c.job_lease + "'");
  c.job_lease_seconds = *lease;
  if (c.campaign_concurrency == 0 || c.campaign_concurrency > 256)
    throw ConfigError("REACH_CAMPAIGN_CONCURRENCY", "must be 1-256");
  if (c.campaign_mail != "smtp" && c.campaign_mail != "outbox")
    throw ConfigError("REACH_CAMPAIGN_MAIL", "must be smtp or outbox, got '" + c.campaign_mail + "'");
  auto smtp_timeout = parse_duration(c.smtp_timeout);
  if (!smtp_timeout || smtp_timeout->count() < 1)
    throw ConfigError("REACH_SMTP_TIMEOUT", "expected a duration such as 60s, got '" + c.smtp_timeout + "'");
  c.smtp_timeout_seconds = *smtp_timeout;
  if (c.import_batch_rows < 1 || c.import_batch_rows > 100000)
    throw ConfigError("REACH_IMPORT_BATCH_ROWS", "must be 1-100000");
  if (c.import_commit_ms < 0 || c.import_commit_ms > 60000)
    throw ConfigError("REACH_IMPORT_COMMIT_MS", "must be 0-60000 (milliseconds)");
  if (!region_for_country(c.default_phone_region) || c.default_phone_region.size() != 2)
    throw ConfigError("REACH_DEFAULT_PHONE_REGION",
                      "expected a two-letter ISO country code, got '" + c.default_phone_region + "'");
  if (c.db_pool_size == 0) c.db_pool_size = c.http_threads + c.workers + 2;
  static const char* levels[] = {"trace", "debug", "info", "warn", "error", "off"};
  if (std::find(std::begin(levels), std::end(levels), c.log_level) == std::end(levels))
    throw ConfigError("REACH_LOG_LEVEL", "expected trace, debug, info, warn, error or off");
  validate_ai(c);
}

void prepare_data_dir(const Config& c) {
  std::filesystem::create_directories(c.data_dir);
  // 0700 even when it existed: files an older version wrote 0644 are then out of others' reach.
  std::filesystem::permissions(c.data_dir, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace);
}

std::string load_or_create_secret(const Config& c) {
  if (!c.secret_key.empty()) return c.secret_key;
  auto path = std::filesystem::path(c.data_dir) / "secret.key";
  prepare_data_dir(c);
  if (std::ifstream in{path}; in) {
    std::string s;
    std::getline(in, s);
    if (s.size() < 32) throw ConfigError("REACH_SECRET_KEY", path.string() + " holds fewer than 32 characters");
    return s;
  }
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
  auto tmp = path;
  tmp += "." + std::to_string(::getpid()) + ".tmp";
  {
    mode_t old = umask(077);
    std::ofstream out(tmp);
    umask(old);
    out << hex << "\n";
    if (!out.flush()) throw ConfigError("REACH_DATA_DIR", "cannot write " + tmp.string());
  }
  // link() fails when another process created the file first: then everyone uses that one.
  std::error_code ec;
  std::filesystem::create_hard_link(tmp, path, ec);
  std::filesystem::remove(tmp);
  if (ec) return load_or_create_secret(c);
  return hex;
}

}  // namespace reach

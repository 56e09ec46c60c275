// Configuration: every setting is a REACH_* environment variable and the matching --flag (the flag
// wins). docs/CONFIG.md lists them. validate() fails with one line naming the bad key.
#pragma once
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

#include "accounts/ai_prices.hpp"

namespace CLI {
class App;
}

namespace reach {

struct Config {
  std::string data_dir = "./reach-data";
  std::string database_url;  // default: sqlite://<data dir>/reach.db
  std::string listen = "127.0.0.1:8000";
  std::string public_url;  // default: http://<listen>
  std::string secret_key;  // default: generated into <data dir>/secret.key
  std::string jwt_ttl = "24h";
  std::string system_smtp_url;
  std::string system_mail_from = "Reach <no-reply@reach.local>";
  std::size_t max_body_bytes = 1024 * 1024;
  std::size_t max_upload_bytes = 20 * 1024 * 1024;
  std::size_t max_lead_upload_bytes = 256 * 1024 * 1024;    // a CSV of a million leads is ~150 MB
  std::size_t max_connections = 512;                        // open HTTP connections
  std::size_t max_body_bytes_in_flight = 64 * 1024 * 1024;  // request bodies held in memory at once
  std::size_t max_uploads_in_flight = 4;                    // uploads received at once (spooled to disk)
  std::string metrics_token;                // the Bearer token /metrics asks for; unset: /metrics answers 403
  std::string trusted_proxies;              // addresses/CIDRs whose X-Forwarded-For is believed (none by default)
  std::size_t http_threads = 0;             // default: max(4, 2 x cores); more only lengthens the latency tail
  std::size_t db_pool_size = 0;             // default: http_threads + workers + 2
  std::size_t workers = 2;                  // job worker threads in this process (serve and worker); 0: none
  std::string job_lease = "60s";            // how long a dead worker's job waits before another worker takes it
  std::size_t import_batch_rows = 5000;     // rows a lead import reads and writes at once
  long long import_commit_ms = 1000;        // how long a lead import writes batches before it commits (a checkpoint)
  std::string default_phone_region = "US";  // for phone numbers written without a country code
  std::string log_level = "info";
  std::size_t campaign_concurrency = 16;  // outreach items a campaign run works on at once, per process
  std::string campaign_mail = "smtp";     // smtp: each company's mailbox; outbox: .eml files under <data dir>/outbox
  std::string smtp_timeout = "60s";       // one campaign message, a stalled server included
  // Tests only: the clock can be set and moved over HTTP (POST /api/test/clock). Refused unless Reach
  // listens on loopback with an http:// public URL, so it is never on in a deployment.
  bool test_clock = false;
  bool log_mail_links = false;  // outbox mail: log the link it holds (only `reach demo` sets it)

  // AI providers (docs/CONFIG.md). Empty provider choices mean: the real one when its key is set, else offline.
  std::string llm;       // offline | openai | anthropic: writes emails, call scripts, enrichments
  std::string research;  // offline | perplexity: company and lead research
  std::string openai_base_url = "https://api.openai.com", openai_api_key, openai_model = "gpt-4o-mini";
  std::string openai_json_mode = "schema";  // schema | object | prompt, for servers without json_schema
  std::string anthropic_base_url = "https://api.anthropic.com", anthropic_api_key,
              anthropic_model = "claude-3-5-haiku-latest";
  std::string perplexity_base_url = "https://api.perplexity.ai", perplexity_api_key, perplexity_model = "sonar";
  std::size_t ai_concurrency = 16;  // per provider
  std::size_t ai_rpm = 0;           // per provider; 0: no limit
  int ai_max_retries = 2;
  std::string ai_timeout = "60s";  // per attempt
  std::string ai_prices;           // "provider=prompt/completion,...": US dollars per million tokens
  std::string research_deadline = "15s";
  std::string prompts_dir;  // templates here override the built-in prompts/

  // Derived by validate().
  std::string listen_host;
  std::uint16_t listen_port = 0;
  std::chrono::seconds jwt_ttl_seconds{0};
  std::chrono::seconds job_lease_seconds{0};
  std::chrono::seconds ai_timeout_seconds{0}, research_deadline_seconds{0};
  AiPrices ai_price_table;  // from ai_prices
  std::chrono::seconds smtp_timeout_seconds{0};
};

// Adds the --flags (each also read from its REACH_* variable) to a CLI11 (sub)command.
void add_config_options(CLI::App& cmd, Config& config);
// Only the AI provider options (also part of add_config_options), for commands that need no server.
void add_ai_options(CLI::App& cmd, Config& config);

// Fills defaults and checks values; throws ConfigError naming the key.
void validate(Config& config);

// Creates the data dir if needed and makes it the operator's alone (0700).
void prepare_data_dir(const Config& config);

// The secret from config, or the one kept in <data dir>/secret.key (created with mode 0600).
std::string load_or_create_secret(const Config& config);

// "90" (seconds), "30m", "24h", "7d" → seconds; nothing for anything else.
std::optional<std::chrono::seconds> parse_duration(const std::string& text);

class ConfigError : public std::runtime_error {
 public:
  ConfigError(const std::string& key, const std::string& problem) : std::runtime_error(key + ": " + problem) {}
};

}  // namespace reach

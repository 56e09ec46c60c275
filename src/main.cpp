// reach: the Reach binary. Subcommands: serve, worker, migrate, demo, import-leads, extract-text, version.
#include <CLI/CLI.hpp>
#include <curl/curl.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <sys/stat.h>

#include <csignal>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/app.hpp"
#include "app/demo.hpp"
#include "app/import_leads.hpp"
#include "ingest/document_text.hpp"
#include "store/migrations.hpp"

namespace {

void setup_logging(const std::string& level) {
  auto logger = spdlog::stderr_logger_mt("reach");
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc);
  logger->set_level(spdlog::level::from_str(level));
  spdlog::set_default_logger(logger);
}

// SIGINT/SIGTERM are blocked in every thread and taken by sigwait() in one place (app.cpp).
void block_shutdown_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Reach: a self-hostable AI sales-outreach engine"};
  cli.require_subcommand(1);
  reach::Config config;
  auto* serve = cli.add_subcommand("serve", "Serve the HTTP API");
  auto* worker = cli.add_subcommand("worker", "Run background jobs from the shared queue (no HTTP)");
  auto* migrate = cli.add_subcommand("migrate", "Apply database migrations and exit");
  auto* demo = cli.add_subcommand("demo", "Serve with a demo account and company ready to use");
  auto* version = cli.add_subcommand("version", "Print the version");
  auto* import_leads = cli.add_subcommand("import-leads", "Import a lead list (CSV) from a local file into a company");
  std::string import_company, import_path;
  import_leads->add_option("--company-id", import_company, "The company's id")->required();
  import_leads->add_option("file", import_path, "The CSV file")->required();
  auto* extract = cli.add_subcommand("extract-text", "Print the text Reach reads from a document (.pdf, .docx, .txt)");
  std::string extract_path;
  extract->add_option("file", extract_path, "The document")->required();
  std::size_t extract_max_chars = reach::ExtractionLimits{}.max_text_chars;
  extract->add_option("--max-chars", extract_max_chars, "Cut the text after this many characters (0: never)")
      ->capture_default_str();
  reach::DemoOptions demo_options;
  demo->add_flag("--once", demo_options.once, "Set up, check one request over HTTP, and exit");
  for (auto* cmd : {serve, worker, migrate, demo, import_leads}) reach::add_config_options(*cmd, config);
  CLI11_PARSE(cli, argc, argv);

  if (version->parsed()) {
    std::cout << "reach " << REACH_VERSION << "\n";
    return 0;
  }
  if (extract->parsed()) {
    std::ifstream in(extract_path, std::ios::binary);
    if (!in) {
      std::cerr << "reach: cannot read " << extract_path << "\n";
      return 1;
    }
    std::stringstream content;
    content << in.rdbuf();
    try {
      reach::ExtractionLimits limits;
      limits.max_text_chars = extract_max_chars == 0 ? SIZE_MAX : extract_max_chars;
      auto doc = reach::extract_document_text(content.str(), limits);
      std::cout << doc.text << "\n";
      return 0;
    } catch (const reach::DocumentError& e) {
      std::cerr << "reach: " << extract_path << ": " << e.what() << "\n";
      return 1;
    }
  }
  block_shutdown_signals();
  // Everything Reach writes (database, uploads, outbox mail with live links, the secret) is the
  // operator's alone: directories 0700, files 0600.
  umask(077);
  curl_global_init(CURL_GLOBAL_DEFAULT);
  try {
    reach::validate(config);
    setup_logging(config.log_level);
    if (migrate->parsed()) {
      reach::Database db(config.database_url, 1);
      std::cout << "reach: applied " << reach::apply_migrations(db) << " migration(s) to "
                << reach::redact_database_url(config.database_url) << "\n";
      return 0;
    }
    if (demo->parsed()) return reach::run_demo(config, demo_options);
    if (import_leads->parsed()) return reach::run_import_leads(config, import_company, import_path);
    reach::App app(config);
    if (worker->parsed()) {
      app.start_workers();
      reach::wait_for_shutdown_signal();
      app.stop_workers();  // running jobs finish within the grace period, the rest go back to the queue
      return 0;
    }
    app.start_http();  // a busy port fails here, before any job is taken
    app.start_workers();
    reach::wait_for_shutdown_signal();
    app.stop_http();
    app.stop_workers();
    return 0;
  } catch (const reach::ConfigError& e) {
    std::cerr << "reach: configuration error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "reach: " << e.what() << "\n";
    return 1;
  }
}

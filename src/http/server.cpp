#include "http/server.hpp"

#include <restinio/all.hpp>
#include <spdlog/spdlog.h>

#include <atomic>
#include <future>
#include <random>
#include <thread>

namespace reach {
namespace {

using Traits = restinio::default_traits_t;  // strands: safe on a thread pool
using RestinioServer = restinio::http_server_t<Traits>;

const char* reason_phrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
  }
}

std::string next_request_id() {
  static std::atomic<unsigned long long> counter{0};
  static const unsigned prefix = static_cast<unsigned>(std::random_device{}());
  return fmt::format("{:08x}-{:x}", prefix, ++counter);
}

bool acceptable_request_id(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (unsigned char c : id)
    if (!std::isalnum(c) && c != '-' && c != '_' && c != '.') return false;
  return true;
}

Request to_request(const restinio::request_handle_t& wire) {
  Request req;
  const auto& h = wire->header();
  req.method = std::string(h.method().c_str());
  req.path = std::string(h.path());
  req.query = parse_urlencoded(h.query());
  h.for_each_field([&](const restinio::http_header_field_t& f) {
    std::string name = f.name();
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    req.headers.emplace(std::move(name), f.value());
  });
  req.body = wire->body();  // a view: `wire` outlives the dispatch
  req.client_ip = wire->remote_endpoint().address().to_string();
  auto incoming_id = req.header("x-request-id");
  req.request_id = incoming_id && acceptable_request_id(*incoming_id) ? *incoming_id : next_request_id();
  return req;
}

}  // namespace

struct HttpServer::Impl {
  ServerOptions options;
  Dispatcher& dispatcher;
  std::unique_ptr<RestinioServer> server;
  std::unique_ptr<restinio::on_pool_runner_t<RestinioServer>> runner;

  restinio::request_handling_status_t handle(const restinio::request_handle_t& wire) {
    Request req = to_request(wire);
    Response res = dispatcher.handle(req);
    auto out = wire->create_response(
        restinio::http_status_line_t{restinio::http_status_code_t{static_cast<std::uint16_t>(res.status)},
                                     reason_phrase(res.status)});
    out.append_header(restinio::http_field::content_type, res.content_type);
    out.append_header("X-Request-ID", req.request_id);
    for (const auto& [name, value] : res.headers) out.append_header(name, value);
    if (dispatcher.draining()) out.connection_close();
    out.set_body(std::move(res.body));
    return out.done();
  }
};

HttpServer::HttpServer(ServerOptions options, Dispatcher& dispatcher)
    : impl_(std::make_unique<Impl>(Impl{std::move(options), dispatcher, nullptr, nullptr})) {}

HttpServer::~HttpServer() {
  if (impl_->runner && impl_->runner->started()) {
    impl_->runner->stop();
    impl_->runner->wait();
  }
}

void HttpServer::start() {
  auto& o = impl_->options;
  Impl* impl = impl_.get();
  impl_->server = std::make_unique<RestinioServer>(
      restinio::own_io_context(),
      restinio::server_settings_t<Traits>{}
          .address(o.host)
          .port(o.port)
          .handle_request_timeout(std::chrono::seconds(120))
          .read_next_http_message_timelimit(std::chrono::seconds(60))
          .write_http_response_timelimit(std::chrono::seconds(60))
          .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}.max_body_size(o.transport_body_limit))
          .request_handler([impl](const restinio::request_handle_t& wire) { return impl->handle(wire); }));
  impl_->runner = std::make_unique<restinio::on_pool_runner_t<RestinioServer>>(o.threads, *impl_->server);
  std::promise<void> started;
  auto result = started.get_future();
  impl_->runner->start([&started]() noexcept { started.set_value(); },
                       [&started](std::exception_ptr ex) noexcept { started.set_exception(ex); });
  try {
    result.get();
  } catch (const std::exception& e) {
    impl_->runner->wait();
    throw std::runtime_error("cannot listen on " + o.host + ":" + std::to_string(o.port) + ": " + e.what());
  }
  spdlog::info("http_listening address={}:{} threads={}", o.host, o.port, o.threads);
}

void HttpServer::stop() {
  if (!impl_->runner || !impl_->runner->started()) return;
  auto& d = impl_->dispatcher;
  d.start_draining();
  // Requests received but still queued for a worker thread start moments after another finishes,
  // so wait for a quiet period rather than a single zero reading; the deadline bounds it.
  using Clock = std::chrono::steady_clock;
  auto deadline = Clock::now() + impl_->options.drain_timeout;
  auto quiet_since = Clock::now();
  while (Clock::now() < deadline) {
    if (d.in_flight() > 0) quiet_since = Clock::now();
    else if (Clock::now() - quiet_since >= std::chrono::milliseconds(150)) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  spdlog::info("http_stopping in_flight={}", d.in_flight());
  impl_->runner->stop();
  impl_->runner->wait();
}

}  // namespace reach

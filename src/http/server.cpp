#include "http/server.hpp"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netdb.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstdarg>
#include <cstring>
#include <random>
#include <thread>

#include "http/handler_pool.hpp"
#include "http/transport_limits.hpp"

namespace reach {
namespace {

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

// One request on its way through the transport (MHD's per-request context).
struct Exchange {
  Request req;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  bool admitted = false;             // the first call (headers) has been handled
  bool answered = false;             // a response is queued; any body still arriving is discarded
  std::optional<Response> deferred;  // answered when the body has arrived (413 or 503 found mid-body)
  std::size_t limit = 0;
  std::size_t received = 0;
  std::string body;                  // in memory
  std::unique_ptr<SpoolFile> spool;  // or on disk
  std::size_t budget_taken = 0;      // memory budget held by `body`
  bool holds_upload_slot = false;
  const Route* route = nullptr;      // matched from the headers; the dispatcher does not match again
  bool dispatched = false;           // handed to the handler pool; the connection is suspended
  std::optional<Response> response;  // the handler's answer, sent when MHD calls back after resuming
};

std::optional<std::uint64_t> content_length(MHD_Connection* c) {
  const char* v = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
  if (v == nullptr) return std::nullopt;
  std::uint64_t n = 0;
  auto [end, ec] = std::from_chars(v, v + std::strlen(v), n);
  if (ec != std::errc() || *end != '\0') return std::nullopt;
  return n;
}

std::string client_address(MHD_Connection* c) {
  const auto* info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  if (info == nullptr || info->client_addr == nullptr) return "";
  char buf[INET6_ADDRSTRLEN] = {0};
  const sockaddr* a = info->client_addr;
  if (a->sa_family == AF_INET)
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(a)->sin_addr, buf, sizeof buf);
  else if (a->sa_family == AF_INET6)
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(a)->sin6_addr, buf, sizeof buf);
  return buf;
}

MHD_Result collect_header(void* cls, MHD_ValueKind, const char* key, const char* value) {
  auto* headers = static_cast<std::map<std::string, std::string>*>(cls);
  std::string name = key;
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char ch) { return std::tolower(ch); });
  headers->emplace(std::move(name), value != nullptr ? value : "");
  return MHD_YES;
}

Response busy(const std::string& what) {
  auto r = Response::json(503, {{"detail", "The server is receiving too many " + what + " at once; retry shortly"}});
  r.headers.emplace_back("Retry-After", "1");
  return r;
}

void free_string(void* cls) { delete static_cast<std::string*>(cls); }

}  // namespace

struct HttpServer::Impl {
  ServerOptions options;
  Dispatcher& dispatcher;
  Budget memory;
  Budget upload_slots;
  HandlerPool handlers;
  MHD_Daemon* daemon = nullptr;

  Impl(ServerOptions o, Dispatcher& d)
      : options(std::move(o)),
        dispatcher(d),
        memory(options.memory_bodies_budget),
        upload_slots(options.max_spooled_uploads),
        handlers(options.threads) {}

  MHD_Result send(MHD_Connection* c, Exchange& ex, Response res, bool handled_by_dispatcher) {
    if (!handled_by_dispatcher)
      dispatcher.record(ex.req, res, ex.route ? ex.route->pattern : "unmatched",
                        std::chrono::duration<double>(std::chrono::steady_clock::now() - ex.started).count());
    ex.answered = true;
    auto* body = new std::string(std::move(res.body));
    MHD_Response* out =
        MHD_create_response_from_buffer_with_free_callback_cls(body->size(), body->data(), free_string, body);
    if (out == nullptr) {
      delete body;
      return MHD_NO;
    }
    MHD_add_response_header(out, MHD_HTTP_HEADER_CONTENT_TYPE, res.content_type.c_str());
    MHD_add_response_header(out, "X-Request-ID", ex.req.request_id.c_str());
    for (const auto& [name, value] : res.headers) MHD_add_response_header(out, name.c_str(), value.c_str());
    if (dispatcher.draining()) MHD_add_response_header(out, MHD_HTTP_HEADER_CONNECTION, "close");
    MHD_Result queued = MHD_queue_response(c, static_cast<unsigned>(res.status), out);
    MHD_destroy_response(out);
    return queued;
  }

  // The first call: headers are in, no body byte has been read.
  MHD_Result admit(MHD_Connection* c, Exchange& ex, const char* method) {
    ex.admitted = true;
    Request& req = ex.req;
    req.method = method;
    MHD_get_connection_values(c, MHD_HEADER_KIND, collect_header, &req.headers);
    req.client_ip = options.trusted_proxies.client_address(client_address(c), req.header("x-forwarded-for"));
    auto incoming_id = req.header("x-request-id");
    req.request_id = incoming_id && acceptable_request_id(*incoming_id) ? *incoming_id : next_request_id();
    auto declared = content_length(c);
    Admission a = dispatcher.admit(req, declared);
    ex.route = a.route;
    if (a.refusal) return send(c, ex, std::move(*a.refusal), false);
    ex.limit = a.limit;
    if (a.spool_to_disk()) {
      if (!upload_slots.take(1)) return send(c, ex, busy("uploads"), false);
      ex.holds_upload_slot = true;
      ex.spool = std::make_unique<SpoolFile>();
      if (!ex.spool->open(options.spool_dir)) {
        spdlog::error("upload_spool_failed dir={} error=\"{}\"", options.spool_dir, std::strerror(errno));
        return send(c, ex, Response::json(503, {{"detail", "The server cannot store uploads right now"}}), false);
      }
    } else if (declared && *declared > 0) {
      if (!memory.take(*declared)) return send(c, ex, busy("requests"), false);
      ex.budget_taken = *declared;
      ex.body.reserve(*declared);
    }
    return MHD_YES;
  }

  // A piece of the body. Past the limit (a body without Content-Length) or the memory budget, the rest
  // is read and dropped and the answer given at the end; a client that keeps sending is cut off.
  MHD_Result take_body(Exchange& ex, const char* data, std::size_t n) {
    ex.received += n;
    if (ex.answered || ex.deferred) return ex.received > 2 * ex.limit + (1 << 20) ? MHD_NO : MHD_YES;
    if (ex.received > ex.limit) {
      ex.deferred = Response::json(
          413, {{"detail", "Request body too large: the limit is " + std::to_string(ex.limit) + " bytes"}});
      ex.body.clear();
      ex.body.shrink_to_fit();
      ex.spool.reset();
      return MHD_YES;
    }
    if (ex.spool) {
      if (!ex.spool->append(data, n))
        ex.deferred = Response::json(503, {{"detail", "The server cannot store uploads right now"}});
      return MHD_YES;
    }
    if (ex.body.size() + n > ex.budget_taken) {
      std::size_t more = ex.body.size() + n - ex.budget_taken;
      if (!memory.take(more)) {
        ex.deferred = busy("requests");
        ex.body.clear();
        return MHD_YES;
      }
      ex.budget_taken += more;
    }
    ex.body.append(data, n);
    return MHD_YES;
  }

  MHD_Result complete(MHD_Connection* c, Exchange& ex) {
    if (ex.answered) return MHD_YES;
    if (ex.response) return send(c, ex, std::move(*ex.response), true);
    if (ex.dispatched) return MHD_YES;  // still with a handler
    if (ex.deferred) return send(c, ex, std::move(*ex.deferred), false);
    if (ex.spool) {
      auto view = ex.spool->view();
      if (!view)
        return send(c, ex, Response::json(503, {{"detail", "The server cannot read the upload right now"}}), false);
      ex.req.body = *view;
    } else {
      ex.req.body = ex.body;
    }
    if (ex.route->never_blocks) return send(c, ex, dispatcher.handle(ex.req, ex.route), true);
    ex.dispatched = true;
    MHD_suspend_connection(c);
    handlers.submit([this, c, &ex] {
      ex.response = dispatcher.handle(ex.req, ex.route);
      MHD_resume_connection(c);  // MHD calls on_request again, which sends the response
    });
    return MHD_YES;
  }

  void release(Exchange& ex) {
    if (ex.budget_taken > 0) memory.give(ex.budget_taken);
    if (ex.holds_upload_slot) upload_slots.give(1);
  }

  static void* on_uri(void*, const char* uri, MHD_Connection*) {
    auto* ex = new Exchange();
    std::string_view raw(uri != nullptr ? uri : "");
    auto q = raw.find('?');
    ex->req.path = std::string(raw.substr(0, q));
    if (q != std::string_view::npos) ex->req.query = parse_urlencoded(raw.substr(q + 1));
    return ex;
  }

  static MHD_Result on_request(void* cls, MHD_Connection* c, const char*, const char* method, const char*,
                               const char* upload_data, size_t* upload_data_size, void** con_cls) {
    auto* impl = static_cast<Impl*>(cls);
    auto* ex = static_cast<Exchange*>(*con_cls);
    if (ex == nullptr) return MHD_NO;
    try {
      if (!ex->admitted) return impl->admit(c, *ex, method);
      if (*upload_data_size > 0) {
        std::size_t n = *upload_data_size;
        *upload_data_size = 0;
        return impl->take_body(*ex, upload_data, n);
      }
      return impl->complete(c, *ex);
    } catch (const std::exception& e) {
      spdlog::error("http_transport_error request_id={} error=\"{}\"", ex->req.request_id, e.what());
      return MHD_NO;
    }
  }

  static void on_completed(void* cls, MHD_Connection*, void** con_cls, MHD_RequestTerminationCode) {
    auto* ex = static_cast<Exchange*>(*con_cls);
    if (ex == nullptr) return;
    static_cast<Impl*>(cls)->release(*ex);
    delete ex;
    *con_cls = nullptr;
  }

  static void on_log(void*, const char* fmt, va_list ap) {
    char line[512];
    std::vsnprintf(line, sizeof line, fmt, ap);
    std::string text(line);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    spdlog::debug("http_transport message=\"{}\"", text);
  }
};

HttpServer::HttpServer(ServerOptions options, Dispatcher& dispatcher)
    : impl_(std::make_unique<Impl>(std::move(options), dispatcher)) {}

HttpServer::~HttpServer() {
  if (impl_->daemon == nullptr) return;
  impl_->handlers.stop();
  MHD_stop_daemon(impl_->daemon);
}

void HttpServer::start() {
  auto& o = impl_->options;
  auto fail = [&](const std::string& why) {
    throw std::runtime_error("cannot listen on " + o.host + ":" + std::to_string(o.port) + ": " + why);
  };
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  if (int rc = getaddrinfo(o.host.c_str(), std::to_string(o.port).c_str(), &hints, &found); rc != 0)
    fail(gai_strerror(rc));
  std::unique_ptr<addrinfo, void (*)(addrinfo*)> addresses(found, freeaddrinfo);
  unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG;
  if (found->ai_family == AF_INET6) flags |= MHD_USE_IPv6;
  errno = 0;
  impl_->daemon = MHD_start_daemon(
      flags, o.port, nullptr, nullptr, &Impl::on_request, impl_.get(), MHD_OPTION_SOCK_ADDR, found->ai_addr,
      MHD_OPTION_THREAD_POOL_SIZE, static_cast<unsigned>(o.polling_threads), MHD_OPTION_CONNECTION_LIMIT,
      static_cast<unsigned>(o.max_connections), MHD_OPTION_CONNECTION_TIMEOUT,
      static_cast<unsigned>(o.idle_timeout.count()), MHD_OPTION_CONNECTION_MEMORY_LIMIT,
      static_cast<std::size_t>(64 * 1024),  // request line and headers
      MHD_OPTION_URI_LOG_CALLBACK, &Impl::on_uri, nullptr, MHD_OPTION_NOTIFY_COMPLETED, &Impl::on_completed,
      impl_.get(), MHD_OPTION_EXTERNAL_LOGGER, &Impl::on_log, nullptr, MHD_OPTION_END);
  if (impl_->daemon == nullptr) fail(errno != 0 ? std::strerror(errno) : "the HTTP server did not start");
  spdlog::info("http_listening address={}:{} polling_threads={} handler_threads={} max_connections={}", o.host, o.port,
               o.polling_threads, o.threads, o.max_connections);
}

void HttpServer::stop() {
  if (impl_->daemon == nullptr) return;
  auto& d = impl_->dispatcher;
  d.start_draining();
  // No new connections; those open are served until they are quiet (each answer now says close).
  MHD_socket listener = MHD_quiesce_daemon(impl_->daemon);
  if (listener != MHD_INVALID_SOCKET) close(listener);
  // Requests received but still queued for a worker thread start moments after another finishes,
  // so wait for a quiet period rather than a single zero reading; the deadline bounds it.
  using SteadyClock = std::chrono::steady_clock;
  auto deadline = SteadyClock::now() + impl_->options.drain_timeout;
  auto quiet_since = SteadyClock::now();
  while (SteadyClock::now() < deadline) {
    if (d.in_flight() > 0)
      quiet_since = SteadyClock::now();
    else if (SteadyClock::now() - quiet_since >= std::chrono::milliseconds(150))
      break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  spdlog::info("http_stopping in_flight={}", d.in_flight());
  impl_->handlers.stop();  // every dispatched request is answered and its connection resumed first
  MHD_stop_daemon(impl_->daemon);
  impl_->daemon = nullptr;
}

}  // namespace reach

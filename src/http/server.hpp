// The HTTP transport (GNU libmicrohttpd, a pool of polling threads): turns wire requests into Request,
// hands them to the Dispatcher, writes the Response. The only file that includes microhttpd.h.
// Bounded before routing or authentication: connections, header bytes per connection, body bytes held in
// memory across all requests, and uploads spooled to disk at once. A body over its route's limit is
// refused from Content-Length with 413 before any of it is read.
#pragma once
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "http/dispatcher.hpp"
#include "http/trusted_proxies.hpp"

namespace reach {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8000;
  std::size_t threads = 4;                      // handler threads (handlers may block on the database)
  std::size_t polling_threads = 2;              // MHD's epoll threads: reading, writing, parsing
  std::size_t max_connections = 512;            // more are refused by the kernel's backlog, then reset
  std::size_t memory_bodies_budget = 64 << 20;  // body bytes held in memory by all requests together
  std::size_t max_spooled_uploads = 4;          // uploads being received at once (each a file in spool_dir)
  std::string spool_dir = "/tmp";               // upload bodies: an unlinked file each, mapped when complete
  std::chrono::seconds idle_timeout{60};        // a connection that sends nothing for this long is closed
  std::chrono::seconds drain_timeout{30};
  TrustedProxies trusted_proxies;  // whose X-Forwarded-For names the client
};

class HttpServer {
 public:
  HttpServer(ServerOptions options, Dispatcher& dispatcher);
  ~HttpServer();

  // Binds and starts serving; throws std::runtime_error at once when the address cannot be bound.
  void start();
  // Graceful stop: requests in flight or already received finish (up to drain_timeout), then close.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace reach

// The HTTP transport (RESTinio on a thread pool): turns wire requests into Request, hands them to the
// Dispatcher, writes the Response. The only file that includes RESTinio.
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "http/dispatcher.hpp"

namespace reach {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8000;
  std::size_t threads = 4;
  // Bodies up to this size are read and answered 413 by the dispatcher; larger ones make the
  // transport drop the connection (so memory per connection stays bounded).
  std::size_t transport_body_limit = 8 * 1024 * 1024;
  std::chrono::seconds drain_timeout{30};
};

class HttpServer {
 public:
  HttpServer(ServerOptions options, Dispatcher& dispatcher);
  ~HttpServer();

  // Binds and starts serving; throws std::runtime_error when the address cannot be bound.
  void start();
  // Graceful stop: requests in flight or already received finish (up to drain_timeout), then close.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace reach

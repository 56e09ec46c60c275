// libFuzzer target: the real route table (api/routes.cpp) matching any method and path, including path
// parameters that must be UUIDs: a route or a 404/405, never a crash. Input: "METHOD path". Run with fuzz/run.sh.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "api/routes.hpp"
#include "domain/api_error.hpp"
#include "http/router.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const reach::Router router = [] {
    reach::Router r;
    reach::add_routes(r);
    return r;
  }();
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto space = input.find(' ');
  reach::Request req;
  req.method = std::string(space == std::string_view::npos ? std::string_view("GET") : input.substr(0, space));
  req.path = std::string(space == std::string_view::npos ? input : input.substr(space + 1));
  auto match = router.match(req);
  if (match.route) {
    for (const auto& [name, value] : req.path_params) {
      try {
        (void)req.path_uuid(name);
      } catch (const reach::ValidationError&) {
      } catch (const reach::ApiError&) {
      }
    }
  }
  (void)reach::parse_urlencoded(input);
  return 0;
}

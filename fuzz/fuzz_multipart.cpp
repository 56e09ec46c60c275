// libFuzzer target: a multipart/form-data body (boundary fixed, or taken from the input's first line
// as the Content-Type) must parse into views of the body or end in a 4xx error. Run with fuzz/run.sh.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/api_error.hpp"
#include "http/multipart.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  reach::Request req;
  req.method = "POST";
  req.headers["content-type"] = "multipart/form-data; boundary=XyZ";
  // A first line starting with "CT:" replaces the Content-Type, so the boundary parameter is fuzzed too.
  if (input.rfind("CT:", 0) == 0) {
    auto eol = input.find('\n');
    req.headers["content-type"] =
        std::string(input.substr(3, eol == std::string_view::npos ? std::string_view::npos : eol - 3));
    input = eol == std::string_view::npos ? std::string_view() : input.substr(eol + 1);
  }
  req.body = input;
  try {
    auto form = reach::parse_multipart(req);
    for (const auto& part : form.parts) {
      if (part.data.data() != nullptr && !part.data.empty()) {
        // Every part is a view inside the body.
        if (part.data.data() < input.data() || part.data.data() + part.data.size() > input.data() + input.size())
          __builtin_trap();
      }
    }
    (void)form.find("file");
  } catch (const reach::ApiError&) {
  } catch (const reach::ValidationError&) {
  }
  return 0;
}

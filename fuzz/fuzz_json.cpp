// libFuzzer target: a JSON request body must end in a value or a 4xx error (ApiError, ValidationError),
// never a crash, deep recursion or a leak: the depth scan, the parse, the field readers and the phrase
// walk the writers use. Run with fuzz/run.sh.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "domain/api_error.hpp"
#include "http/json_input.hpp"
#include "util/bounded_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  reach::Request req;
  req.method = "POST";
  req.headers["content-type"] = "application/json";
  req.body = input;
  try {
    auto body = reach::json_object_body(req);
    reach::FieldReader f(body);
    f.optional_string("name", 300);
    f.optional_string("website", 2048);
    f.required_email("email");
    f.optional_password("password");
    f.required_array("invites");
    if (auto it = body.find("hiring_positions"); it != body.end()) {
      (void)it->dump();
      (void)reach::json_phrase(*it, 500);
    }
    f.finish();
  } catch (const reach::ApiError&) {
  } catch (const reach::ValidationError&) {
  }
  if (auto parsed = reach::parse_bounded_json(input)) (void)reach::json_phrase(*parsed, 2000);
  return 0;
}

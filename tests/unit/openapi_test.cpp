// docs/openapi.json (served at /openapi.json) must describe every route the server has.
#include <gtest/gtest.h>

#include <algorithm>

#include "api/routes.hpp"
#include "assets/embedded_assets.hpp"
#include <nlohmann/json.hpp>

namespace reach {
namespace {

TEST(OpenApi, DocumentsEveryRouteAndNothingElse) {
  auto spec = nlohmann::json::parse(std::string(find_embedded_asset("openapi.json").value_or("")), nullptr, false);
  ASSERT_TRUE(spec.is_object()) << "openapi.json is not valid JSON";
  Router router;
  add_routes(router);
  std::size_t documented = 0;
  for (const auto& route : router.routes()) {
    std::string method = route.method;
    std::transform(method.begin(), method.end(), method.begin(), ::tolower);
    EXPECT_TRUE(spec["paths"].contains(route.pattern) && spec["paths"][route.pattern].contains(method))
        << route.method << " " << route.pattern << " is missing from docs/openapi.json";
  }
  for (const auto& [path, ops] : spec["paths"].items())
    for (const auto& [method, op] : ops.items()) {
      if (method == "parameters") continue;
      ++documented;
      std::string upper = method;
      std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
      bool served = std::any_of(router.routes().begin(), router.routes().end(),
                                [&](const Route& r) { return r.pattern == path && r.method == upper; });
      EXPECT_TRUE(served) << upper << " " << path << " is documented but not served";
    }
  EXPECT_EQ(documented, router.routes().size());
}

}  // namespace
}  // namespace reach

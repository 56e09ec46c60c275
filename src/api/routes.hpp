// The route table of the Reach HTTP API, readable top to bottom in routes.cpp.
#pragma once
#include "http/router.hpp"

namespace reach {

struct RouteOptions {
  bool test_clock = false;  // GET/POST /api/test/clock (Config::test_clock: tests only)
};

void add_routes(Router& router, RouteOptions options = {});

}  // namespace reach

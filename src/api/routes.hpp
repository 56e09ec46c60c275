// The route table of the Reach HTTP API, readable top to bottom in routes.cpp.
#pragma once
#include "http/router.hpp"

namespace reach {

void add_routes(Router& router);

}  // namespace reach

// `reach demo`: serve on embedded defaults with a ready demo account and company, and show how to use it.
#pragma once
#include "app/config.hpp"

namespace reach {

struct DemoOptions {
  bool once = false;  // set up, check one authenticated request through HTTP, stop
};

int run_demo(Config config, const DemoOptions& options);

}  // namespace reach

// A person who signs in. Email is the login name, stored lower-case and unique.
#pragma once
#include <optional>
#include <string>

#include "util/clock.hpp"

namespace reach {

struct User {
  std::string id;
  std::string email;
  std::optional<std::string> name;
  std::string password_hash;  // empty until the user sets a password (invited users)
  bool verified = false;
  TimePoint created_at;
  long long token_version = 0;  // access tokens of another version are refused
};

// Who is making a request, as the access token proves it: no database read needed.
struct Caller {
  std::string user_id;
  std::string email;
  long long token_version = 0;
};

}  // namespace reach

// The signed-in caller of a request: the Authorization header checked by AuthService (401 otherwise).
#pragma once
#include "api/services.hpp"
#include "http/request.hpp"

namespace reach {

inline Caller signed_in(const Request& req, Services& s) {
  return s.auth.authenticate(req.header("authorization").value_or(""));
}

}  // namespace reach

// Cookies of the web app's session (docs/ARCHITECTURE.md "Web app"): reading one from a Cookie header,
// and the Set-Cookie values that start and end a session. API clients keep Bearer tokens.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace reach {

inline constexpr std::string_view kSessionCookie = "reach_session";  // HttpOnly: the access token
inline constexpr std::string_view kCsrfCookie = "reach_csrf";        // readable by the app, echoed in X-CSRF-Token

// The value of cookie `name` in a Cookie header ("a=1; b=2"); one linear pass, nothing for a missing
// or empty cookie.
std::optional<std::string> cookie_value(std::string_view cookie_header, std::string_view name);

// Set-Cookie values: SameSite=Strict, Path=/, Secure when `secure` (the public URL is https).
std::string set_cookie(std::string_view name, std::string_view value, std::chrono::seconds max_age, bool http_only,
                       bool secure);
std::string clear_cookie(std::string_view name, bool http_only, bool secure);

}  // namespace reach

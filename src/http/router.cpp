#include "http/router.hpp"

#include <map>
#include <stdexcept>

namespace reach {
namespace {

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> out;
  std::size_t start = 1;
  if (path.empty() || path[0] != '/') return out;
  while (start <= path.size()) {
    auto slash = path.find('/', start);
    auto end = slash == std::string::npos ? path.size() : slash;
    out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  if (out.size() > 1 && out.back().empty()) out.pop_back();  // "/a/b/" matches "/a/b"
  return out;
}

bool is_param(const std::string& seg) { return seg.size() > 2 && seg.front() == '{' && seg.back() == '}'; }

bool segments_match(const Route& r, const std::vector<std::string>& segs, std::map<std::string, std::string>* params) {
  if (r.segments.size() != segs.size()) return false;
  for (std::size_t i = 0; i < segs.size(); ++i) {
    if (is_param(r.segments[i])) {
      if (segs[i].empty()) return false;
      if (params) (*params)[r.segments[i].substr(1, r.segments[i].size() - 2)] = segs[i];
    } else if (r.segments[i] != segs[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

void Router::add(std::string method, std::string pattern, Access access, Handler handler, BodyLimit limit) {
  for (const auto& r : routes_)
    if (r.method == method && r.pattern == pattern) throw std::logic_error("duplicate route " + method + " " + pattern);
  if (access.kind == Access::Kind::company && pattern.find("{company_id}") == std::string::npos)
    throw std::logic_error("company route without {company_id}: " + method + " " + pattern);
  auto segments = split_path(pattern);
  routes_.push_back(Route{std::move(method), std::move(pattern), handler, access, limit, std::move(segments)});
}

RouteMatch Router::match(Request& req) const {
  RouteMatch m;
  auto segs = split_path(req.path);
  for (const auto& r : routes_) {
    if (!segments_match(r, segs, nullptr)) continue;
    if (r.method == req.method || (req.method == "HEAD" && r.method == "GET")) {
      segments_match(r, segs, &req.path_params);
      m.route = &r;
      return m;
    }
    m.allowed.push_back(r.method);
  }
  return m;
}

}  // namespace reach

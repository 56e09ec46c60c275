#include "util/json_schema.hpp"

namespace reach {
namespace {

bool has_type(const nlohmann::json& v, const std::string& type) {
  if (type == "object") return v.is_object();
  if (type == "array") return v.is_array();
  if (type == "string") return v.is_string();
  if (type == "integer") return v.is_number_integer();
  if (type == "number") return v.is_number();
  if (type == "boolean") return v.is_boolean();
  if (type == "null") return v.is_null();
  return false;
}

std::optional<std::string> check(const nlohmann::json& v, const nlohmann::json& schema, const std::string& at) {
  auto fail = [&](const std::string& what) { return std::optional<std::string>("at " + at + ": " + what); };
  if (auto t = schema.find("type"); t != schema.end()) {
    bool ok = false;
    if (t->is_string())
      ok = has_type(v, t->get<std::string>());
    else
      for (const auto& one : *t) ok = ok || has_type(v, one.get<std::string>());
    if (!ok) return fail("expected " + t->dump());
  }
  if (auto e = schema.find("enum"); e != schema.end() && std::find(e->begin(), e->end(), v) == e->end())
    return fail("expected one of " + e->dump());
  if (v.is_object()) {
    if (auto req = schema.find("required"); req != schema.end())
      for (const auto& name : *req)
        if (!v.contains(name.get<std::string>())) return fail("missing \"" + name.get<std::string>() + "\"");
    auto props = schema.find("properties");
    bool closed = schema.value("additionalProperties", true) == false;
    for (const auto& [key, value] : v.items()) {
      if (props != schema.end() && props->contains(key)) {
        if (auto bad = check(value, (*props)[key], at + "." + key)) return bad;
      } else if (closed) {
        return fail("unexpected \"" + key + "\"");
      }
    }
  }
  if (v.is_array()) {
    if (v.size() < schema.value("minItems", std::size_t{0})) return fail("too few items");
    if (v.size() > schema.value("maxItems", std::size_t{1} << 30)) return fail("too many items");
    if (auto items = schema.find("items"); items != schema.end())
      for (std::size_t i = 0; i < v.size(); ++i)
        if (auto bad = check(v[i], *items, at + "[" + std::to_string(i) + "]")) return bad;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> schema_violation(const nlohmann::json& value, const nlohmann::json& schema) {
  return check(value, schema, "$");
}

}  // namespace reach

#include "http/json_input.hpp"

#include "domain/validation.hpp"
#include "util/bounded_json.hpp"

namespace reach {

nlohmann::json json_object_body(const Request& req, bool allow_empty) {
  auto mt = req.media_type();
  if (!mt.empty() && mt != "application/json")
    throw ApiError(ErrorCode::unsupported_media_type, "Unsupported media type '" + mt + "': send application/json");
  if (req.body.empty()) {
    if (allow_empty) return nlohmann::json::object();
    throw ValidationError({{{"body"}, "Field required", "missing"}});
  }
  if (json_nesting_depth(req.body) > kMaxJsonDepth)
    throw ValidationError(
        {{{"body"}, "JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels", "json_too_deep"}});
  nlohmann::json value = nlohmann::json::parse(req.body.begin(), req.body.end(), nullptr, false);
  if (value.is_discarded())
    throw ValidationError({{{"body"}, "JSON decode error: the body is not valid JSON", "json_invalid"}});
  if (!value.is_object()) throw ValidationError({{{"body"}, "Input should be a JSON object", "model_attributes_type"}});
  return value;
}

FieldReader::FieldReader(const nlohmann::json& object, std::vector<std::string> where)
    : object_(object), where_(std::move(where)) {}

std::vector<std::string> FieldReader::loc(const std::string& name) const {
  auto l = where_;
  l.push_back(name);
  return l;
}

void FieldReader::add_error(const std::string& name, std::string msg, std::string type) {
  errors_.push_back({loc(name), std::move(msg), std::move(type)});
}

const nlohmann::json* FieldReader::field(const std::string& name) {
  auto it = object_.find(name);
  if (it == object_.end() || it->is_null()) return nullptr;
  return &*it;
}

std::optional<std::string> FieldReader::optional_string(const std::string& name, std::size_t max_len) {
  const auto* v = field(name);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    add_error(name, "Input should be a valid string", "string_type");
    return std::nullopt;
  }
  std::string s = trim(v->get<std::string>());
  if (s.size() > max_len) {
    add_error(name, "String should have at most " + std::to_string(max_len) + " characters", "string_too_long");
    return std::nullopt;
  }
  return s;
}

std::string FieldReader::required_string(const std::string& name, std::size_t max_len) {
  if (!field(name)) {
    add_error(name, "Field required", "missing");
    return {};
  }
  auto s = optional_string(name, max_len);
  if (s && s->empty()) add_error(name, "String should have at least 1 character", "string_too_short");
  return s.value_or("");
}

std::string FieldReader::required_email(const std::string& name) {
  std::size_t before = errors_.size();
  std::string raw = required_string(name, 320);
  if (errors_.size() != before) return {};
  auto email = normalize_email(raw);
  if (!email) {
    add_error(name, "value is not a valid email address", "value_error");
    return {};
  }
  return *email;
}

std::optional<std::string> FieldReader::optional_password(const std::string& name) {
  const auto* v = field(name);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    add_error(name, "Input should be a valid string", "string_type");
    return std::nullopt;
  }
  std::string p = v->get<std::string>();  // never trimmed: spaces are part of a password
  if (auto problem = password_problem(p)) {
    add_error(name, *problem, "value_error");
    return std::nullopt;
  }
  return p;
}

std::string FieldReader::required_password(const std::string& name) {
  if (!field(name)) {
    add_error(name, "Field required", "missing");
    return {};
  }
  return optional_password(name).value_or("");
}

const nlohmann::json* FieldReader::required_array(const std::string& name) {
  const auto* v = field(name);
  if (!v) {
    add_error(name, "Field required", "missing");
    return nullptr;
  }
  if (!v->is_array()) {
    add_error(name, "Input should be a valid list", "list_type");
    return nullptr;
  }
  return v;
}

void FieldReader::finish() {
  if (!errors_.empty()) throw ValidationError(errors_);
}

std::map<std::string, std::string> form_body(const Request& req) {
  auto mt = req.media_type();
  if (mt != "application/x-www-form-urlencoded")
    throw ApiError(ErrorCode::unsupported_media_type,
                   "Unsupported media type '" + mt + "': send application/x-www-form-urlencoded");
  return parse_urlencoded(req.body);
}

}  // namespace reach

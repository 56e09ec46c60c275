// Reading request bodies: JSON (415 for another media type, 422 for malformed JSON or bad fields) and
// form-encoded. Field readers collect every problem and report them together, as FastAPI does.
#pragma once
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "domain/api_error.hpp"
#include "http/request.hpp"

namespace reach {

// The body as a JSON object. An empty body reads as {} only when allow_empty.
nlohmann::json json_object_body(const Request& req, bool allow_empty = false);

class FieldReader {
 public:
  // `where` prefixes each error's loc: {"body", field}, {"body", "invites", "0", field}, ...
  FieldReader(const nlohmann::json& object, std::vector<std::string> where = {"body"});

  std::string required_string(const std::string& name, std::size_t max_len = 1000);
  std::optional<std::string> optional_string(const std::string& name, std::size_t max_len = 1000);
  std::string required_email(const std::string& name);
  // A password with its own rules (length); the loc names the field.
  std::string required_password(const std::string& name);
  std::optional<std::string> optional_password(const std::string& name);
  const nlohmann::json* required_array(const std::string& name);

  void add_error(const std::string& name, std::string msg, std::string type);
  std::vector<FieldError>& errors() { return errors_; }
  // Throws ValidationError when any field was bad.
  void finish();

 private:
  const nlohmann::json* field(const std::string& name);
  std::vector<std::string> loc(const std::string& name) const;

  const nlohmann::json& object_;
  std::vector<std::string> where_;
  std::vector<FieldError> errors_;
};

// Form fields of an application/x-www-form-urlencoded (or multipart-free) body; 415 otherwise.
std::map<std::string, std::string> form_body(const Request& req);

}  // namespace reach

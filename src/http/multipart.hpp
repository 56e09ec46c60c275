// multipart/form-data (RFC 7578) read in place: parts are views into the request body, so an upload
// is held in memory once. 415 for another media type, 422 for a malformed body.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/request.hpp"

namespace reach {

struct MultipartPart {
  std::string name;
  std::optional<std::string> filename;  // set for file fields (path parts removed)
  std::string content_type;
  std::string_view data;
};

struct MultipartForm {
  std::vector<MultipartPart> parts;
  const MultipartPart* find(std::string_view name) const;
};

MultipartForm parse_multipart(const Request& req);

}  // namespace reach

#include "http/multipart.hpp"

#include <algorithm>
#include <cctype>

#include "domain/api_error.hpp"

namespace reach {
namespace {

ValidationError malformed(const std::string& why) {
  return ValidationError({{{"body"}, "Malformed multipart body: " + why, "multipart_invalid"}});
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// The value of `param` in a header like: form-data; name="file"; filename="a.pdf"
std::optional<std::string> header_param(std::string_view header, std::string_view param) {
  std::string lowered = lower(header);
  std::size_t at = 0;
  while ((at = lowered.find(param, at)) != std::string::npos) {
    bool starts_word = at == 0 || lowered[at - 1] == ';' || lowered[at - 1] == ' ' || lowered[at - 1] == '\t';
    std::size_t eq = at + param.size();
    if (!starts_word || eq >= header.size() || header[eq] != '=') {
      at = eq;
      continue;
    }
    std::size_t v = eq + 1;
    if (v < header.size() && header[v] == '"') {
      std::string out;
      for (std::size_t i = v + 1; i < header.size() && header[i] != '"'; ++i) {
        if (header[i] == '\\' && i + 1 < header.size()) ++i;
        out += header[i];
      }
      return out;
    }
    auto end = header.find(';', v);
    std::string out(header.substr(v, end == std::string_view::npos ? std::string_view::npos : end - v));
    out.erase(out.find_last_not_of(" \t") + 1);
    return out;
  }
  return std::nullopt;
}

}  // namespace

const MultipartPart* MultipartForm::find(std::string_view name) const {
  for (const auto& p : parts)
    if (p.name == name) return &p;
  return nullptr;
}

MultipartForm parse_multipart(const Request& req) {
  if (req.media_type() != "multipart/form-data")
    throw ApiError(ErrorCode::unsupported_media_type,
                   "Unsupported media type '" + req.media_type() + "': send multipart/form-data");
  auto boundary = header_param(req.header("content-type").value_or(""), "boundary");
  if (!boundary || boundary->empty() || boundary->size() > 200) throw malformed("no boundary in Content-Type");
  std::string_view body(req.body);
  std::string delimiter = "--" + *boundary;
  auto pos = body.find(delimiter);
  if (pos == std::string_view::npos) throw malformed("the boundary never appears");
  MultipartForm form;
  pos += delimiter.size();
  while (true) {
    if (body.substr(pos, 2) == "--") return form;  // closing delimiter
    if (body.substr(pos, 2) != "\r\n") throw malformed("expected a line break after the boundary");
    pos += 2;
    auto headers_end = body.find("\r\n\r\n", pos);
    if (headers_end == std::string_view::npos) throw malformed("a part has no end of headers");
    MultipartPart part;
    std::string_view headers = body.substr(pos, headers_end - pos);
    while (!headers.empty()) {
      auto eol = headers.find("\r\n");
      auto line = headers.substr(0, eol);
      headers = eol == std::string_view::npos ? std::string_view{} : headers.substr(eol + 2);
      auto colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      auto name = lower(line.substr(0, colon));
      auto value = line.substr(colon + 1);
      while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
      if (name == "content-disposition") {
        part.name = header_param(value, "name").value_or("");
        if (auto f = header_param(value, "filename")) {
          auto slash = f->find_last_of("/\\");
          part.filename = slash == std::string::npos ? *f : f->substr(slash + 1);
        }
      } else if (name == "content-type") {
        part.content_type = std::string(value);
      }
    }
    std::size_t data_start = headers_end + 4;
    auto next = body.find("\r\n" + delimiter, data_start);
    if (next == std::string_view::npos) throw malformed("a part is not closed by the boundary");
    part.data = body.substr(data_start, next - data_start);
    if (part.name.empty()) throw malformed("a part has no name in Content-Disposition");
    form.parts.push_back(std::move(part));
    pos = next + 2 + delimiter.size();
  }
}

}  // namespace reach

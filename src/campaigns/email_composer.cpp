#include "campaigns/email_composer.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <tuple>

namespace reach {

std::string html_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

namespace {

constexpr std::size_t kMaxLinkLength = 2048;

// [start, end) of the next link at or after `from`, or npos.
std::pair<std::size_t, std::size_t> next_link(const std::string& text, std::size_t from) {
  for (std::size_t at = text.find("http", from); at != std::string::npos; at = text.find("http", at + 4)) {
    bool scheme = text.compare(at, 7, "http://") == 0 || text.compare(at, 8, "https://") == 0;
    bool word_start = at == 0 || !std::isalnum(static_cast<unsigned char>(text[at - 1]));
    if (!scheme || !word_start) continue;
    std::size_t end = at;
    while (end < text.size() && end - at < kMaxLinkLength && !std::isspace(static_cast<unsigned char>(text[end])) &&
           text[end] != '<' && text[end] != '>' && text[end] != '"' && text[end] != '\'')
      ++end;
    while (end > at && std::string_view(".,;:!?)]").find(text[end - 1]) != std::string_view::npos) --end;
    if (end - at > 8) return {at, end};
  }
  return {std::string::npos, std::string::npos};
}

// One line of the body as HTML: text escaped, links as anchors.
std::string html_line(const std::string& line, const LinkTarget& target) {
  std::string out;
  std::size_t pos = 0;
  for (auto [start, end] = next_link(line, 0); start != std::string::npos;
       std::tie(start, end) = next_link(line, end)) {
    out += html_escape(line.substr(pos, start - pos));
    std::string url = line.substr(start, end - start);
    out += "<a href=\"" + html_escape(target ? target(url) : url) + "\">" + html_escape(url) + "</a>";
    pos = end;
  }
  return out + html_escape(line.substr(pos));
}

std::string text_with_targets(const std::string& text, const LinkTarget& target) {
  if (!target) return text;
  std::string out;
  std::size_t pos = 0;
  for (auto [start, end] = next_link(text, 0); start != std::string::npos;
       std::tie(start, end) = next_link(text, end)) {
    out += text.substr(pos, start - pos) + target(text.substr(start, end - start));
    pos = end;
  }
  return out + text.substr(pos);
}

}  // namespace

std::vector<std::string> find_links(const std::string& text, std::size_t limit) {
  std::vector<std::string> out;
  for (auto [start, end] = next_link(text, 0); start != std::string::npos && out.size() < limit;
       std::tie(start, end) = next_link(text, end)) {
    std::string url = text.substr(start, end - start);
    if (std::find(out.begin(), out.end(), url) == out.end()) out.push_back(url);
  }
  return out;
}

ComposedBody compose_body(const std::string& body, const std::string& pixel_url, const std::string& unsubscribe_url,
                          const LinkTarget& link_target) {
  ComposedBody out;
  out.text = text_with_targets(body, link_target);
  while (!out.text.empty() && (out.text.back() == '\n' || out.text.back() == ' ')) out.text.pop_back();
  out.text += "\n\n--\nTo stop receiving these emails, unsubscribe: " + unsubscribe_url + "\n";

  // Blank lines separate paragraphs; a single newline is a line break.
  out.html = "<!DOCTYPE html><html><body>\n";
  std::string paragraph;
  auto end_paragraph = [&] {
    if (!paragraph.empty()) out.html += "<p>" + paragraph + "</p>\n";
    paragraph.clear();
  };
  std::size_t i = 0;
  while (i <= body.size()) {
    std::size_t nl = std::min(body.find('\n', i), body.size());
    std::string line = body.substr(i, nl - i);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos)
      end_paragraph();
    else
      paragraph += (paragraph.empty() ? "" : "<br>\n") + html_line(line, link_target);
    i = nl + 1;
  }
  end_paragraph();
  out.html += "<p style=\"font-size:12px;color:#666\">To stop receiving these emails, <a href=\"" +
              html_escape(unsubscribe_url) + "\">unsubscribe</a>.</p>\n";
  out.html +=
      "<img src=\"" + html_escape(pixel_url) + "\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block\">\n";
  out.html += "</body></html>\n";
  return out;
}

}  // namespace reach

#include "campaigns/email_composer.hpp"

#include <algorithm>

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

ComposedBody compose_body(const std::string& body, const std::string& pixel_url, const std::string& unsubscribe_url) {
  ComposedBody out;
  out.text = body;
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
      paragraph += (paragraph.empty() ? "" : "<br>\n") + html_escape(line);
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

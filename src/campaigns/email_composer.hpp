// The message a lead receives, from the written subject and body: a text part with a visible
// unsubscribe link, and an HTML part built from the same text (escaped: nothing the model wrote
// becomes markup) with the unsubscribe link and the tracking pixel.
#pragma once
#include <string>

namespace reach {

struct ComposedBody {
  std::string text, html;
};

ComposedBody compose_body(const std::string& body, const std::string& pixel_url, const std::string& unsubscribe_url);
std::string html_escape(const std::string& text);

}  // namespace reach

// The message a lead receives, from the written subject and body: a text part with a visible
// unsubscribe link, and an HTML part built from the same text (escaped: nothing the model wrote
// becomes markup) with the unsubscribe link and the tracking pixel.
#pragma once
#include <functional>
#include <string>
#include <vector>

namespace reach {

struct ComposedBody {
  std::string text, html;
};

// Where a link in the body should point: the URL itself, or a click-tracking redirect for it.
using LinkTarget = std::function<std::string(const std::string& url)>;

// Links (http:// and https:// up to a space, quote or angle bracket, without trailing punctuation)
// become anchors in the HTML part, showing the URL as written; with `link_target` their href (and the
// URL in the text part) is what it returns.
ComposedBody compose_body(const std::string& body, const std::string& pixel_url, const std::string& unsubscribe_url,
                          const LinkTarget& link_target = {});
std::string html_escape(const std::string& text);

// The links in `text`, in order, each once; at most `limit`.
std::vector<std::string> find_links(const std::string& text, std::size_t limit = 20);

}  // namespace reach

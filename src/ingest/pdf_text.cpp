#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <climits>
#include <memory>
#include <mutex>

#include "ingest/document_text.hpp"

namespace reach {
namespace {

// Poppler reports every oddity of a damaged file on stderr; the caller gets a DocumentError instead.
void quiet_poppler() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr); });
}

}  // namespace

std::string pdf_text(std::string_view data, std::size_t* pages) {
  quiet_poppler();
  if (data.size() > static_cast<std::size_t>(INT_MAX)) throw DocumentError("The PDF is too large");
  // load_from_raw_data reads the caller's buffer in place (no copy).
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(data.data(), static_cast<int>(data.size())));
  if (!doc) throw DocumentError("The PDF is damaged or incomplete and cannot be read");
  if (doc->is_locked()) throw DocumentError("The PDF is encrypted (password protected); upload an unprotected copy");
  std::string out;
  int n = doc->pages();
  for (int i = 0; i < n; ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (!page) continue;
    auto utf8 = page->text().to_utf8();
    out.append(utf8.data(), utf8.size());
    out += "\n\n";
  }
  if (pages) *pages = static_cast<std::size_t>(n);
  return out;
}

}  // namespace reach

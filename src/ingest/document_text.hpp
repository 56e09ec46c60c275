// The text of an uploaded document, with the format chosen by content (not only by extension):
// PDF (poppler), DOCX (libzip + pugixml, guarded against zip and XML bombs) and plain text (UTF-8,
// UTF-16 with BOM, Windows-1252 fallback). Failures are DocumentError, worded for the uploader.
#pragma once
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace reach {

enum class DocumentKind { pdf, docx, text };
std::string_view document_kind_name(DocumentKind kind);

struct ExtractionLimits {
  std::size_t max_zip_entries = 5000;
  std::size_t max_docx_xml_bytes = 64 * 1024 * 1024;  // uncompressed word/document.xml
  double max_compression_ratio = 200;                 // uncompressed / compressed, per entry
  std::size_t max_text_chars = 200000;                // the cleaned text is cut (at a word) beyond this
};

struct ExtractedDocument {
  DocumentKind kind = DocumentKind::text;
  std::string text;       // cleaned: whitespace normalised, control characters gone, capped
  std::size_t pages = 0;  // PDF pages; 0 for other kinds
  bool truncated = false;
};

class DocumentError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

ExtractedDocument extract_document_text(std::string_view data, const ExtractionLimits& limits = {});

// The per-format steps, exposed for tests and fuzzers. Each returns raw (uncleaned) text.
std::string pdf_text(std::string_view data, std::size_t* pages);
std::string docx_text(std::string_view data, const ExtractionLimits& limits);
std::string decode_plain_text(std::string_view data);
// The text itself (BOM dropped) when it is already valid UTF-8 text: no decoding, no copy.
std::optional<std::string_view> utf8_text_view(std::string_view data);
// UTF-8 as it is when valid, else read as Windows-1252: the lenient decoding of text and CSV fields.
std::string to_utf8_lenient(std::string_view text);
// Whitespace normalised (runs of spaces → one, at most one blank line), control characters removed,
// cut at a word boundary before max_chars code points; *truncated says whether it was cut.
std::string clean_text(std::string_view raw, std::size_t max_chars, bool* truncated);

}  // namespace reach

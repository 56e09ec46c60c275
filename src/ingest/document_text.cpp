#include "ingest/document_text.hpp"

namespace reach {
namespace {

bool starts_with(std::string_view data, std::string_view prefix) { return data.substr(0, prefix.size()) == prefix; }

DocumentKind detect_kind(std::string_view data) {
  // PDF readers accept the header anywhere in the first 1024 bytes; so do we.
  if (data.substr(0, 1024).find("%PDF-") != std::string_view::npos) return DocumentKind::pdf;
  if (starts_with(data, "PK\x03\x04")) return DocumentKind::docx;
  return DocumentKind::text;
}

}  // namespace

std::string_view document_kind_name(DocumentKind kind) {
  switch (kind) {
    case DocumentKind::pdf:
      return "pdf";
    case DocumentKind::docx:
      return "docx";
    case DocumentKind::text:
      return "text";
  }
  return "unknown";
}

ExtractedDocument extract_document_text(std::string_view data, const ExtractionLimits& limits) {
  if (data.empty()) throw DocumentError("The file is empty");
  ExtractedDocument doc;
  doc.kind = detect_kind(data);
  std::string raw;
  std::optional<std::string_view> text_view;  // UTF-8 text is cleaned in place, never copied whole
  switch (doc.kind) {
    case DocumentKind::pdf:
      raw = pdf_text(data, &doc.pages);
      break;
    case DocumentKind::docx:
      raw = docx_text(data, limits);
      break;
    case DocumentKind::text:
      text_view = utf8_text_view(data);
      if (!text_view) raw = decode_plain_text(data);
      break;
  }
  doc.text = clean_text(text_view ? *text_view : std::string_view(raw), limits.max_text_chars, &doc.truncated);
  if (doc.text.empty()) {
    if (doc.kind == DocumentKind::pdf)
      throw DocumentError(
          "The PDF has no text layer (scanned or image-only); upload a PDF with selectable text, a .docx or a .txt");
    throw DocumentError("The document contains no text");
  }
  return doc;
}

}  // namespace reach

#include <pugixml.hpp>
#include <zip.h>

#include <cstring>
#include <memory>

#include "ingest/document_text.hpp"

namespace reach {
namespace {

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct ZipFileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

// Reads one entry, trusting neither its declared size nor its compression: reading stops at the limit.
std::string read_entry(zip_t* zip, zip_int64_t index, const ExtractionLimits& limits) {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(zip, static_cast<zip_uint64_t>(index), 0, &st) != 0)
    throw DocumentError("The .docx file is damaged");
  if ((st.valid & ZIP_STAT_SIZE) && st.size > limits.max_docx_xml_bytes)
    throw DocumentError("The .docx expands to more than the allowed size (a zip bomb?)");
  if ((st.valid & ZIP_STAT_SIZE) && (st.valid & ZIP_STAT_COMP_SIZE) && st.size > 1024 * 1024 &&
      static_cast<double>(st.size) > limits.max_compression_ratio * static_cast<double>(st.comp_size + 1))
    throw DocumentError("The .docx is compressed far beyond what documents need (a zip bomb?)");
  std::unique_ptr<zip_file_t, ZipFileCloser> file(zip_fopen_index(zip, static_cast<zip_uint64_t>(index), 0));
  if (!file) throw DocumentError("The .docx file is damaged or uses unsupported compression");
  std::string out;
  char buf[64 * 1024];
  zip_int64_t n;
  while ((n = zip_fread(file.get(), buf, sizeof buf)) > 0) {
    out.append(buf, static_cast<std::size_t>(n));
    if (out.size() > limits.max_docx_xml_bytes)
      throw DocumentError("The .docx expands to more than the allowed size (a zip bomb?)");
  }
  if (n < 0) throw DocumentError("The .docx file is damaged (an entry cannot be decompressed)");
  return out;
}

bool is(const pugi::xml_node& n, const char* name) { return std::strcmp(n.name(), name) == 0; }

// Text of a paragraph's runs in order, including those inside hyperlinks, fields and content controls.
void run_text(const pugi::xml_node& node, std::string& out) {
  for (auto child : node.children()) {
    if (is(child, "w:t"))
      out += child.text().get();
    else if (is(child, "w:tab"))
      out += '\t';
    else if (is(child, "w:br") || is(child, "w:cr"))
      out += '\n';
    else if (!is(child, "w:pPr") && !is(child, "w:rPr") && !is(child, "w:instrText") && !is(child, "w:delText"))
      run_text(child, out);
  }
}

void block_text(const pugi::xml_node& parent, std::string& out);

void paragraph_text(const pugi::xml_node& p, std::string& out) {
  std::string text;
  run_text(p, text);
  if (text.empty()) return;
  auto ppr = p.child("w:pPr");
  if (ppr.child("w:numPr")) out += "- ";  // list item
  out += text;
  out += '\n';
}

void table_text(const pugi::xml_node& tbl, std::string& out) {
  for (auto row : tbl.children("w:tr")) {
    std::string line;
    for (auto cell : row.children("w:tc")) {
      std::string cell_text;
      block_text(cell, cell_text);
      while (!cell_text.empty() && cell_text.back() == '\n') cell_text.pop_back();
      for (char& c : cell_text)
        if (c == '\n') c = ' ';
      if (!line.empty()) line += " | ";
      line += cell_text;
    }
    out += line + "\n";
  }
  out += '\n';
}

// Paragraphs, list items, tables and content controls in reading order.
void block_text(const pugi::xml_node& parent, std::string& out) {
  for (auto child : parent.children()) {
    if (is(child, "w:p"))
      paragraph_text(child, out);
    else if (is(child, "w:tbl"))
      table_text(child, out);
    else if (is(child, "w:sdt"))
      block_text(child.child("w:sdtContent"), out);
  }
}

}  // namespace

std::string docx_text(std::string_view data, const ExtractionLimits& limits) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(data.data(), data.size(), 0, &error);  // no copy
  if (!src) throw DocumentError("The .docx file cannot be opened");
  std::unique_ptr<zip_t, ZipCloser> zip(zip_open_from_source(src, ZIP_RDONLY, &error));
  zip_error_fini(&error);
  if (!zip) {
    zip_source_free(src);
    throw DocumentError("The file looks like a zip archive but is damaged; a .docx must be a valid Word document");
  }
  zip_int64_t entries = zip_get_num_entries(zip.get(), 0);
  if (entries < 0 || static_cast<std::size_t>(entries) > limits.max_zip_entries)
    throw DocumentError("The .docx holds too many files to be a document");
  zip_int64_t index = zip_name_locate(zip.get(), "word/document.xml", 0);
  if (index < 0) throw DocumentError("The zip archive is not a Word document (.docx): word/document.xml is missing");
  std::string xml = read_entry(zip.get(), index, limits);
  // Word never writes a DTD; one here can only be an entity-expansion or external-entity attack.
  if (xml.find("<!DOCTYPE") != std::string::npos || xml.find("<!ENTITY") != std::string::npos)
    throw DocumentError("The .docx contains a DTD (entity declarations), which Word documents never have");
  pugi::xml_document doc;
  auto parsed = doc.load_buffer_inplace(xml.data(), xml.size(), pugi::parse_default & ~pugi::parse_doctype);
  if (!parsed) throw DocumentError(std::string("The .docx text is not valid XML: ") + parsed.description());
  auto body = doc.child("w:document").child("w:body");
  if (!body) throw DocumentError("The .docx has no document body");
  std::string out;
  block_text(body, out);
  return out;
}

}  // namespace reach

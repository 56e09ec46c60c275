#include "ingest/csv_reader.hpp"

#include <cstring>

#include "ingest/document_text.hpp"

namespace reach {
namespace {

constexpr std::size_t kChunk = 64 * 1024;

int space_only(unsigned char c) { return c == ' ' ? 1 : 0; }  // with tab-delimited files a tab is no space

}  // namespace

char sniff_delimiter(std::string_view line) {
  const char candidates[] = {',', ';', '\t', '|'};
  std::size_t counts[4] = {0, 0, 0, 0};
  bool quoted = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    if (c == '\n' || c == '\r') break;
    if (quoted) continue;
    for (int i = 0; i < 4; ++i)
      if (c == candidates[i]) ++counts[i];
  }
  int best = 0;
  for (int i = 1; i < 4; ++i)
    if (counts[i] > counts[best]) best = i;
  return counts[best] == 0 ? ',' : candidates[best];
}

CsvReader::CsvReader(std::istream& in, std::size_t max_record_bytes, std::size_t max_fields)
    : in_(in), max_record_bytes_(max_record_bytes), max_fields_(max_fields) {
  if (csv_init(&parser_, 0) != 0) throw CsvError("out of memory");
}

CsvReader::~CsvReader() { csv_free(&parser_); }

void CsvReader::on_field(void* data, std::size_t len, void* self_ptr) {
  auto* self = static_cast<CsvReader*>(self_ptr);
  if (!self->error_.empty()) return;
  self->current_bytes_ += len + 1;
  if (self->current_.size() >= self->max_fields_) {
    self->error_ = "record " + std::to_string(self->records_ + 1) + " has more than " +
                   std::to_string(self->max_fields_) + " fields";
    return;
  }
  if (self->current_bytes_ > self->max_record_bytes_) {
    self->error_ = "record " + std::to_string(self->records_ + 1) + " is longer than " +
                   std::to_string(self->max_record_bytes_) + " bytes (an unclosed quote?)";
    return;
  }
  self->current_.push_back(to_utf8_lenient(std::string_view(static_cast<const char*>(data), len)));
}

void CsvReader::on_record(int, void* self_ptr) {
  auto* self = static_cast<CsvReader*>(self_ptr);
  if (!self->error_.empty()) return;
  CsvRecord r;
  r.number = ++self->records_;
  r.fields = std::move(self->current_);
  self->current_.clear();
  self->current_bytes_ = 0;
  self->ready_.push_back(std::move(r));
}

void CsvReader::start(std::string& chunk) {
  if (chunk.rfind("\xEF\xBB\xBF", 0) == 0) chunk.erase(0, 3);
  if (chunk.find('\0') != std::string::npos) throw CsvError("the file is binary, not CSV text");
  delimiter_ = sniff_delimiter(chunk.substr(0, chunk.find('\n')));
  csv_set_delim(&parser_, static_cast<unsigned char>(delimiter_));
  if (delimiter_ == '\t') csv_set_space_func(&parser_, space_only);
  started_ = true;
}

void CsvReader::throw_if_failed() {
  if (!error_.empty()) throw CsvError(error_);
}

bool CsvReader::fill() {
  if (finished_) return false;
  std::string chunk(kChunk, '\0');
  in_.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
  chunk.resize(static_cast<std::size_t>(in_.gcount()));
  if (!started_) start(chunk);
  if (chunk.empty()) {
    csv_fini(&parser_, on_field, on_record, this);
    finished_ = true;
    return !ready_.empty() || !error_.empty();
  }
  if (chunk.find('\0') != std::string::npos) throw CsvError("the file is binary, not CSV text");
  if (csv_parse(&parser_, chunk.data(), chunk.size(), on_field, on_record, this) != chunk.size())
    throw CsvError(std::string("cannot parse the CSV: ") + csv_strerror(csv_error(&parser_)));
  return true;
}

bool CsvReader::next(CsvRecord& out) {
  while (ready_.empty()) {
    throw_if_failed();  // only once the records before the broken one are handed out
    if (!fill()) return false;
  }
  out = std::move(ready_.front());
  ready_.pop_front();
  return true;
}

}  // namespace reach

// Streaming CSV (RFC 4180 through libcsv): quoted fields with delimiters and line breaks, a UTF-8 BOM,
// the delimiter sniffed from the header line (`,` `;` tab `|`), each field UTF-8 or else Windows-1252.
// Memory is bounded by the chunk size and the longest record, never by the file.
#pragma once
#include <csv.h>

#include <deque>
#include <istream>
#include <stdexcept>
#include <string>
#include <vector>

namespace reach {

struct CsvRecord {
  std::size_t number = 0;  // 1-based; the header is record 1, as a spreadsheet numbers rows
  std::vector<std::string> fields;
};

class CsvError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class CsvReader {
 public:
  // A record's bytes count each field as at least one byte (its delimiter), so a line of a million
  // commas is as long as it looks; max_fields bounds the header's width and every row's.
  explicit CsvReader(std::istream& in, std::size_t max_record_bytes = 1 << 20, std::size_t max_fields = 1000);
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // The next record, or false at the end. Throws CsvError when the input is not CSV text (binary
  // bytes), a record exceeds max_record_bytes (an unbalanced quote swallowing the file) or has more
  // than max_fields fields.
  bool next(CsvRecord& out);
  char delimiter() const { return delimiter_; }

 private:
  static void on_field(void* data, std::size_t len, void* self);
  static void on_record(int terminator, void* self);
  void start(std::string& chunk);
  bool fill();
  void throw_if_failed();

  std::istream& in_;
  std::size_t max_record_bytes_;
  std::size_t max_fields_;
  csv_parser parser_{};
  bool started_ = false, finished_ = false;
  char delimiter_ = ',';
  std::vector<std::string> current_;
  std::size_t current_bytes_ = 0, records_ = 0;
  std::deque<CsvRecord> ready_;
  std::string error_;  // set inside libcsv's callbacks (C code: no exceptions there), thrown after
};

// The delimiter of a header line: whichever of , ; tab | occurs most often outside quotes (',' on a tie or none).
char sniff_delimiter(std::string_view first_line);

}  // namespace reach

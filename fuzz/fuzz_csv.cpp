// libFuzzer target: any bytes as a lead list. The CSV reader must hand out records or throw CsvError
// (binary, runaway quote, too many fields) within bounded memory; the header mapping must take any
// header row. Run with fuzz/run.sh.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "ingest/csv_reader.hpp"
#include "ingest/lead_columns.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  try {
    reach::CsvReader reader(in, 64 * 1024, 200);
    reach::CsvRecord record;
    bool header = true;
    while (reader.next(record)) {
      if (record.fields.size() > 200) __builtin_trap();  // the field cap holds
      if (header) (void)reach::map_headers(record.fields);
      header = false;
    }
  } catch (const reach::CsvError&) {
  }
  return 0;
}

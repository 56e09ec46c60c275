// libFuzzer target: the pdf extractor must answer text or DocumentError for any input, never crash,
// hang or leak. Run with fuzz/run.sh (see docs/BENCHMARKS.md).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/document_text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  try {
    std::size_t pages = 0;
    reach::pdf_text(input, &pages);
  } catch (const reach::DocumentError&) {
  }
  return 0;
}

// libFuzzer target: the docx extractor must answer text or DocumentError for any input, never crash,
// hang or leak. Run with fuzz/run.sh (see docs/BENCHMARKS.md).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/document_text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  try {
    reach::ExtractionLimits limits;
    limits.max_docx_xml_bytes = 8 << 20;  // keep each run fast; the guard logic is the same
    reach::docx_text(input, limits);
  } catch (const reach::DocumentError&) {
  }
  return 0;
}

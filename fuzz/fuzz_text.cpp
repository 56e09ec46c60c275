// libFuzzer target: the text extractor must answer text or DocumentError for any input, never crash,
// hang or leak. Run with fuzz/run.sh (see docs/BENCHMARKS.md).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/document_text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  try {
    bool truncated = false;
    reach::clean_text(reach::decode_plain_text(input), 1000, &truncated);
  } catch (const reach::DocumentError&) {
  }
  return 0;
}

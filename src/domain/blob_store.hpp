// Where uploaded files live: buckets of keyed blobs. The default adapter is the local disk; an
// S3-compatible adapter implements the same interface and nothing else changes.
#pragma once
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace reach {

inline constexpr const char* kProductFilesBucket = "product-files";
inline constexpr const char* kLeadUploadsBucket = "leads-uploads";

class BlobStore {
 public:
  virtual ~BlobStore() = default;
  // Stores data under bucket/key atomically: readers see the old blob or the whole new one.
  virtual void put(const std::string& bucket, const std::string& key, std::string_view data) = 0;
  // The same from a stream, for files too large to hold in memory.
  virtual void put_stream(const std::string& bucket, const std::string& key, std::istream& data) = 0;
  virtual std::optional<std::string> get(const std::string& bucket, const std::string& key) = 0;
  // A stream over the blob, for files too large to hold in memory; nothing when it does not exist.
  virtual std::unique_ptr<std::istream> open(const std::string& bucket, const std::string& key) = 0;
};

// A key is "/"-separated segments of [A-Za-z0-9._-], none empty, "." or "..".
bool valid_blob_key(std::string_view key);
// A file name reduced to a safe key segment: "../Q3 Report (final).pdf" → "Q3_Report_final_.pdf".
std::string safe_file_name(std::string_view original);

}  // namespace reach

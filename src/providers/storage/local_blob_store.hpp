// Blobs as files under <root>/buckets/<bucket>/<key>, written to a temp file, flushed and renamed.
#pragma once
#include <filesystem>

#include "domain/blob_store.hpp"

namespace reach {

class LocalBlobStore final : public BlobStore {
 public:
  explicit LocalBlobStore(std::filesystem::path root) : root_(std::move(root)) {}
  void put(const std::string& bucket, const std::string& key, std::string_view data) override;
  void put_stream(const std::string& bucket, const std::string& key, std::istream& data) override;
  std::optional<std::string> get(const std::string& bucket, const std::string& key) override;
  std::unique_ptr<std::istream> open(const std::string& bucket, const std::string& key) override;

 private:
  std::filesystem::path path_of(const std::string& bucket, const std::string& key) const;
  std::filesystem::path root_;
};

}  // namespace reach

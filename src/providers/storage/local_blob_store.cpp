#include "providers/storage/local_blob_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace reach {

std::filesystem::path LocalBlobStore::path_of(const std::string& bucket, const std::string& key) const {
  if (!valid_blob_key(bucket) || bucket.find('/') != std::string::npos || !valid_blob_key(key))
    throw std::invalid_argument("invalid blob location " + bucket + "/" + key);
  return root_ / "buckets" / bucket / key;
}

void LocalBlobStore::put(const std::string& bucket, const std::string& key, std::string_view data) {
  static std::atomic<unsigned long> counter{0};
  auto path = path_of(bucket, key);
  std::filesystem::create_directories(path.parent_path());
  auto tmp = path.parent_path() / (".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
  if (fd < 0) throw std::runtime_error("cannot create " + tmp.string());
  std::size_t written = 0;
  while (written < data.size()) {
    auto n = ::write(fd, data.data() + written, data.size() - written);
    if (n <= 0) {
      ::close(fd);
      std::filesystem::remove(tmp);
      throw std::runtime_error("cannot write " + tmp.string());
    }
    written += static_cast<std::size_t>(n);
  }
  bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!synced) {
    std::filesystem::remove(tmp);
    throw std::runtime_error("cannot flush " + tmp.string());
  }
  std::filesystem::rename(tmp, path);
}

std::unique_ptr<std::istream> LocalBlobStore::open(const std::string& bucket, const std::string& key) {
  auto in = std::make_unique<std::ifstream>(path_of(bucket, key), std::ios::binary);
  if (!*in) return nullptr;
  return in;
}

std::optional<std::string> LocalBlobStore::get(const std::string& bucket, const std::string& key) {
  std::ifstream in(path_of(bucket, key), std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace reach

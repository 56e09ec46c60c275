#include "providers/storage/local_blob_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace reach {

std::filesystem::path LocalBlobStore::path_of(const std::string& bucket, const std::string& key) const {
  if (!valid_blob_key(bucket) || bucket.find('/') != std::string::npos || !valid_blob_key(key))
    throw std::invalid_argument("invalid blob location " + bucket + "/" + key);
  return root_ / "buckets" / bucket / key;
}

namespace {

// Writes through a temp file beside the target, flushes, renames: readers see the old blob or the whole
// new one. next(buffer) yields the next piece of data, empty at the end.
template <typename Next>
void write_atomically(const std::filesystem::path& path, Next&& next) {
  static std::atomic<unsigned long> counter{0};
  std::filesystem::create_directories(path.parent_path());
  auto tmp = path.parent_path() / (".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
  if (fd < 0) throw std::runtime_error("cannot create " + tmp.string());
  auto fail = [&](const std::string& what) {
    ::close(fd);
    std::filesystem::remove(tmp);
    throw std::runtime_error(what + " " + tmp.string());
  };
  try {
    for (std::string_view piece = next(); !piece.empty(); piece = next()) {
      for (std::size_t written = 0; written < piece.size();) {
        auto w = ::write(fd, piece.data() + written, piece.size() - written);
        if (w <= 0) fail("cannot write");
        written += static_cast<std::size_t>(w);
      }
    }
  } catch (const std::ios_base::failure&) {
    fail("cannot read the data for");
  }
  if (::fsync(fd) != 0) fail("cannot flush");
  ::close(fd);
  std::filesystem::rename(tmp, path);
}

}  // namespace

void LocalBlobStore::put(const std::string& bucket, const std::string& key, std::string_view data) {
  bool done = false;
  write_atomically(path_of(bucket, key), [&]() -> std::string_view {
    if (done) return {};
    done = true;
    return data;
  });
}

void LocalBlobStore::put_stream(const std::string& bucket, const std::string& key, std::istream& data) {
  std::vector<char> buf(1 << 20);
  write_atomically(path_of(bucket, key), [&]() -> std::string_view {
    if (!data) return {};
    data.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    return std::string_view(buf.data(), static_cast<std::size_t>(data.gcount()));
  });
  if (data.bad()) throw std::runtime_error("cannot read the data for " + bucket + "/" + key);
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

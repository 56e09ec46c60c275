#include "http/transport_limits.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

namespace reach {

SpoolFile::~SpoolFile() {
  if (map_ != nullptr) munmap(map_, size_);
  if (fd_ >= 0) close(fd_);
}

bool SpoolFile::open(const std::string& dir) {
  std::string path = dir + "/reach-upload-XXXXXX";
  fd_ = mkstemp(path.data());
  if (fd_ < 0) return false;
  unlink(path.c_str());
  return true;
}

bool SpoolFile::append(const char* data, std::size_t n) {
  while (n > 0) {
    ssize_t w = write(fd_, data, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    data += w;
    n -= static_cast<std::size_t>(w);
    size_ += static_cast<std::size_t>(w);
  }
  return true;
}

std::optional<std::string_view> SpoolFile::view() {
  if (size_ == 0) return std::string_view();
  map_ = mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd_, 0);
  if (map_ == MAP_FAILED) {
    map_ = nullptr;
    return std::nullopt;
  }
  return std::string_view(static_cast<const char*>(map_), size_);
}

}  // namespace reach

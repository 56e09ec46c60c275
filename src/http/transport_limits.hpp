// What the HTTP transport holds per request, bounded: a shared byte budget (bodies in memory, upload
// slots) and an upload's body spooled to disk. Used by http/server.cpp only.
#pragma once
#include <atomic>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace reach {

// A byte budget shared by every request: bodies held in memory, or upload slots.
class Budget {
 public:
  explicit Budget(std::size_t total) : left_(total) {}
  bool take(std::size_t n) {
    auto left = left_.load();
    do {
      if (left < n) return false;
    } while (!left_.compare_exchange_weak(left, left - n));
    return true;
  }
  void give(std::size_t n) { left_ += n; }

 private:
  std::atomic<std::size_t> left_;
};

// An upload's body on disk: an unlinked temporary file (nothing is left behind by a crash), mapped
// read-only once complete so handlers see it as one string_view without it living on the heap.
class SpoolFile {
 public:
  SpoolFile() = default;
  SpoolFile(const SpoolFile&) = delete;
  SpoolFile& operator=(const SpoolFile&) = delete;
  ~SpoolFile();
  bool open(const std::string& dir);
  bool append(const char* data, std::size_t n);
  // The whole body, mapped; nothing when it cannot be mapped.
  std::optional<std::string_view> view();

 private:
  int fd_ = -1;
  void* map_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace reach

// The local blob store: keys cannot escape their bucket, writes are whole, names are made safe.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "domain/blob_store.hpp"
#include "providers/storage/local_blob_store.hpp"

namespace reach {
namespace {

TEST(BlobKeys, AcceptOnlyPlainRelativePaths) {
  EXPECT_TRUE(valid_blob_key("company/product/file.pdf"));
  for (const char* bad : {"", "/abs", "a//b", "a/../b", "..", "./a", "a/", "a\\b", "a b", "a/\0b"})
    EXPECT_FALSE(valid_blob_key(bad)) << bad;
  EXPECT_EQ(safe_file_name("../../etc/passwd"), "passwd");
  EXPECT_EQ(safe_file_name("C:\\Users\\me\\Q3 Report (final).pdf"), "Q3_Report_final_.pdf");
  EXPECT_EQ(safe_file_name(".hidden"), "hidden");
  EXPECT_EQ(safe_file_name("\xE2\x9C\x93"), "_");
  EXPECT_EQ(safe_file_name(""), "file");
}

TEST(LocalBlobStore, StoresReadsAndReplacesWholeFiles) {
  auto root = std::filesystem::temp_directory_path() / ("reach-blobs-" + std::to_string(::getpid()));
  LocalBlobStore store(root);
  std::string data("binary\0data", 11);
  store.put("product-files", "c1/p1/a.bin", data);
  EXPECT_EQ(store.get("product-files", "c1/p1/a.bin"), data);
  store.put("product-files", "c1/p1/a.bin", "replaced");
  EXPECT_EQ(store.get("product-files", "c1/p1/a.bin"), "replaced");
  EXPECT_FALSE(store.get("product-files", "c1/p1/missing.bin"));
  EXPECT_THROW(store.put("product-files", "../escape", "x"), std::invalid_argument);
  EXPECT_THROW(store.put("../x", "a", "x"), std::invalid_argument);
  std::size_t temp_files = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(root))
    if (e.path().filename().string().rfind(".tmp-", 0) == 0) ++temp_files;
  EXPECT_EQ(temp_files, 0u) << "no temp files left behind";
  std::filesystem::remove_all(root);
}

}  // namespace
}  // namespace reach

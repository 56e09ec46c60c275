// The database store tests run on: PostgreSQL when REACH_TEST_DATABASE_URL is set (the test command's
// second pass), else a fresh SQLite file in a temp dir. Migrated, ready to use.
#pragma once
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "store/database.hpp"
#include "store/migrations.hpp"

namespace reach {

class TestDatabase {
 public:
  TestDatabase(const std::string& name, std::size_t pool_size) {
    const char* url = std::getenv("REACH_TEST_DATABASE_URL");
    std::string db_url;
    if (url && *url) {
      db_url = url;
    } else {
      dir_ = std::filesystem::temp_directory_path() / ("reach-" + name + "-" + std::to_string(::getpid()));
      std::filesystem::create_directories(dir_);
      db_url = "sqlite://" + (dir_ / "reach.db").string();
    }
    db_ = std::make_unique<Database>(db_url, pool_size);
    apply_migrations(*db_);
  }
  ~TestDatabase() {
    db_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  Database& db() { return *db_; }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<Database> db_;
};

}  // namespace reach

// Unit tests against a real SQLite store: a fresh file in a folder of the
// test's own, migrated.
#pragma once

#include <memory>

#include <gtest/gtest.h>

#include "storage/sqlite/sqlite_store.h"
#include "support/temp_dir.h"

namespace newsdesk::testing {

class MigratedStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = SqliteStore::Open(dir_.File("test.db"));
    ASSERT_TRUE(opened.ok()) << opened.error().ToString();
    store_ = std::move(opened).value();
    auto migrated = store_->Migrate();
    ASSERT_TRUE(migrated.ok()) << migrated.error().ToString();
  }

  TempDir dir_;
  std::unique_ptr<SqliteStore> store_;
};

}  // namespace newsdesk::testing

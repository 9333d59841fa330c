// A SQLite store for unit tests: opened in a file and migrated.
#pragma once

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "storage/sqlite/sqlite_store.h"

namespace newsdesk::testing {

// nullptr, with the test marked failed, when the store cannot be opened or migrated.
inline std::unique_ptr<SqliteStore> OpenMigratedStore(const std::string& file) {
  auto opened = SqliteStore::Open(file);
  if (!opened.ok()) {
    ADD_FAILURE() << opened.error().ToString();
    return nullptr;
  }
  auto store = std::move(opened).value();
  if (auto migrated = store->Migrate(); !migrated.ok()) {
    ADD_FAILURE() << migrated.error().ToString();
    return nullptr;
  }
  return store;
}

}  // namespace newsdesk::testing

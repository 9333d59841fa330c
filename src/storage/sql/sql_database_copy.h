// Copying a whole site from one database to another (newsdesk migrate-db,
// and backup/restore of a PostgreSQL site): SQLite to PostgreSQL and back.
// Every table, row by row, from one snapshot of the source (its writers go
// on) into one transaction on the target, which commits only once each
// table's row count and checksum agree on both sides.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/status.h"

namespace newsdesk {

class SqlStore;

struct CopiedTable {
  std::string table;
  std::int64_t rows = 0;
  std::string checksum;  // the same on both sides (hex; order of rows does not matter)
};

struct CopyOptions {
  // Everything in `to` is replaced (a restore). Otherwise `to` must hold no
  // site yet (no publication, article, page, account or subscriber): errors
  // name the table that has rows.
  bool replace = false;
  std::function<void(const std::string&)> progress;  // hears each table's name as it starts
};

// Copies `from` into `to`, both migrated to the same schema. Nothing changes
// in `to` unless everything was copied.
Result<std::vector<CopiedTable>> CopyDatabase(SqlStore& from, SqlStore& to, const CopyOptions& options = {});

}  // namespace newsdesk

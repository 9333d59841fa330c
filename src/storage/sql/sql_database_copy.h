// Copying a whole site from one database to another (newsdesk migrate-db):
// SQLite to PostgreSQL and back. Every table, row by row, in one transaction
// on the target; afterwards each table's row count and checksum are compared
// on both sides.
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

// Copies `from` into `to`, both migrated to the same schema. `to` must hold no
// site yet (no publication, article, page, account or subscriber): errors
// name the table that has rows. Nothing is stored in `to` unless everything
// was copied. `progress` hears each table's name as it starts.
Result<std::vector<CopiedTable>> CopyDatabase(SqlStore& from, SqlStore& to,
                                              const std::function<void(const std::string&)>& progress = {});

}  // namespace newsdesk

#pragma once

#include <vector>

namespace newsdesk::storage {

// One file of migrations/<dialect>/NNNN_what.sql, compiled into the binary.
// Landed migrations are never edited: a change is a new file.
struct Migration {
  int version;
  const char* name;
  const char* sql;
};

const std::vector<Migration>& sqlite_migrations();
const std::vector<Migration>& postgres_migrations();

}  // namespace newsdesk::storage

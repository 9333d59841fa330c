// The reader's search text -> FTS5 query: whatever is typed, SQLite accepts the
// query (no syntax error can reach a reader) and prefixes stay bounded.
#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "content/search_query.h"

namespace {

sqlite3_stmt* MatchStatement() {
  static sqlite3_stmt* st = [] {
    sqlite3* db = nullptr;
    sqlite3_open(":memory:", &db);
    sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(title, summary, body, tokenize = 'unicode61');"
                     "INSERT INTO t VALUES ('policy leader', 'talks', 'the minister of oil');",
                 nullptr, nullptr, nullptr);
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, "SELECT rowid FROM t WHERE t MATCH ?1", -1, &s, nullptr);
    return s;
  }();
  return st;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string q = newsdesk::ToFtsQuery(text);
  if (q.size() > 2000) __builtin_trap();
  size_t stars = 0;
  for (char c : q) stars += c == '*';
  if (stars > 2) __builtin_trap();
  if (q.empty()) return 0;
  sqlite3_stmt* st = MatchStatement();
  sqlite3_bind_text(st, 1, q.data(), static_cast<int>(q.size()), SQLITE_TRANSIENT);
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
  }
  sqlite3_reset(st);
  if (rc != SQLITE_DONE) __builtin_trap();  // FTS5 refused the query
  return 0;
}

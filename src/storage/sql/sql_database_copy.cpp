#include "storage/sql/sql_database_copy.h"

#include <sodium.h>

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <set>

#include "storage/sql/sql_pool.h"
#include "storage/sql/sql_store.h"
#include "storage/store.h"

namespace newsdesk {
namespace {

// Every table of a site, parents before children (foreign keys). Not copied:
// schema_migrations (each side has its own), content_version, content_changes,
// change_capture and search_backlog (bookkeeping of the target's own caches
// and search index, which index the rows as they arrive).
constexpr const char* kTables[] = {
    "media",          "publication",    "authors",         "columns",           "tags",
    "articles",       "article_authors", "article_tags",   "article_media",     "settings",
    "subscribers",    "subscriptions",  "outbox",          "suppressed_hashes", "users",
    "api_tokens",     "sessions",       "invitations",     "password_resets",   "recovery_codes",
    "sign_in_challenges", "audit_log",  "article_revisions", "redirects",       "article_autosaves",
    "article_presence", "article_notes", "pages",
};

// What a site is: a target with rows in these is refused.
constexpr const char* kSiteTables[] = {"publication", "articles", "pages", "users", "subscribers"};

std::vector<std::string> ColumnsOf(SqlConnection* db, const std::string& table) {
  auto st = db->Prepare("SELECT * FROM " + table + " WHERE 1 = 0");
  st.Step();
  std::vector<std::string> out;
  for (int i = 0; i < st.ColumnCount(); ++i) out.push_back(st.ColumnName(i));
  return out;
}

// A value as both engines agree to write it: a real number in one form
// (SQLite prints 15 digits, PostgreSQL the shortest exact form).
std::string Canonical(const std::string& v) {
  if (v.find_first_of(".eE") == std::string::npos || v.empty()) return v;
  double d = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
  if (ec != std::errc() || end != v.data() + v.size() || !std::isfinite(d)) return v;
  return fmt::format("{:.12g}", d);
}

struct TableSum {
  std::int64_t rows = 0;
  unsigned char sum[16] = {};  // per-row hashes added bytewise: order does not matter
};

TableSum Checksum(SqlConnection* db, const std::string& table, const std::vector<std::string>& columns) {
  std::string list;
  for (const auto& c : columns) list += (list.empty() ? "" : ", ") + c;
  auto st = db->Prepare("SELECT " + list + " FROM " + table);
  TableSum out;
  std::uint64_t low = 0, high = 0;  // a 128-bit sum, carried by hand (ISO C++ has no __int128)
  while (st.Step()) {
    crypto_generichash_state h;
    crypto_generichash_init(&h, nullptr, 0, 16);
    for (int i = 0; i < static_cast<int>(columns.size()); ++i) {
      std::string v = st.IsNull(i) ? std::string("\x01null", 5) : Canonical(st.Text(i));
      std::uint64_t n = v.size();
      crypto_generichash_update(&h, reinterpret_cast<const unsigned char*>(&n), sizeof n);
      crypto_generichash_update(&h, reinterpret_cast<const unsigned char*>(v.data()), v.size());
    }
    unsigned char digest[16];
    crypto_generichash_final(&h, digest, sizeof digest);
    std::uint64_t a = 0, b = 0;
    std::memcpy(&a, digest, sizeof a);
    std::memcpy(&b, digest + 8, sizeof b);
    low += a;
    high += b + (low < a ? 1 : 0);
    ++out.rows;
  }
  std::memcpy(out.sum, &low, sizeof low);
  std::memcpy(out.sum + 8, &high, sizeof high);
  return out;
}

std::string Hex(const unsigned char* p, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += fmt::format("{:02x}", p[i]);
  return out;
}

// One consistent view of the source for the whole copy and its check, without
// holding up its writers (SQLite: a WAL read transaction; PostgreSQL: a
// repeatable-read snapshot).
class ReadSnapshot {
 public:
  explicit ReadSnapshot(SqlConnection* db) : db_(db) {
    db_->Exec(db_->dialect() == SqlDialect::kPostgres ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN");
  }
  ~ReadSnapshot() {
    try {
      db_->Exec("ROLLBACK");
    } catch (const StorageError&) {
      // Only read; nothing to undo.
    }
  }
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  SqlConnection* db_;
};

}  // namespace

Result<std::vector<CopiedTable>> CopyDatabase(SqlStore& from, SqlStore& to, const CopyOptions& options) {
  auto src = from.pool()->Borrow();
  auto dst = to.pool()->Borrow();
  std::vector<std::vector<std::string>> columns;  // per table: those both sides have
  std::vector<CopiedTable> out;
  try {
    for (const char* table : kSiteTables) {
      if (options.replace) break;
      auto st = dst->Prepare(std::string("SELECT COUNT(*) FROM ") + table);
      st.Step();
      if (st.Int(0) > 0) {
        return Error{"target", table,
                     fmt::format("already has {} row(s): migrate-db copies into an empty database only", st.Int(0))};
      }
    }
    ReadSnapshot reading(src.get());
    SqlTransaction writing(dst.get());
    dst->Exec("UPDATE change_capture SET enabled = 0");
    // Children before parents: what is there goes (a restore), or what
    // migrating made (a default settings row).
    for (size_t i = std::size(kTables); i-- > 0;) dst->Exec((std::string("DELETE FROM ") + kTables[i]).c_str());
    for (const char* table : kTables) {
      if (options.progress) options.progress(table);
      std::vector<std::string> theirs = ColumnsOf(dst.get(), table);
      std::set<std::string> wanted(theirs.begin(), theirs.end());
      std::vector<std::string> both;
      for (auto& c : ColumnsOf(src.get(), table)) {
        if (wanted.count(c) && c != "search") both.push_back(c);  // search: PostgreSQL computes it
      }
      std::string list, params;
      for (size_t i = 0; i < both.size(); ++i) {
        list += (i ? ", " : "") + both[i];
        params += fmt::format("{}?{}", i ? ", " : "", i + 1);
      }
      auto read = src->Prepare("SELECT " + list + " FROM " + table + " ORDER BY 1");
      std::string insert = fmt::format("INSERT INTO {} ({}) VALUES ({})", table, list, params);
      while (read.Step()) {
        auto write = dst->Prepare(insert);
        for (int i = 0; i < static_cast<int>(both.size()); ++i) {
          if (read.IsNull(i)) write.BindNull(i + 1);
          else write.Bind(i + 1, read.Text(i));
        }
        write.Run();
      }
      if (dst->dialect() == SqlDialect::kPostgres && wanted.count("id")) {
        // Rows came with their ids; new ones continue after the highest.
        auto seq = dst->Prepare("SELECT pg_get_serial_sequence(?1, 'id')");
        seq.Bind(1, std::string_view(table));
        if (seq.Step() && !seq.IsNull(0)) {
          dst->Exec(fmt::format("SELECT setval('{}', (SELECT COALESCE(MAX(id), 0) + 1 FROM {}), false)", seq.Text(0),
                                table)
                        .c_str());
        }
      }
      columns.push_back(std::move(both));
    }
    // Checked before anything is committed: the target as written against
    // the source as it was read (its snapshot, whatever was written since).
    for (size_t i = 0; i < std::size(kTables); ++i) {
      TableSum a = Checksum(src.get(), kTables[i], columns[i]);
      TableSum b = Checksum(dst.get(), kTables[i], columns[i]);
      std::string sa = Hex(a.sum, sizeof a.sum), sb = Hex(b.sum, sizeof b.sum);
      if (a.rows != b.rows || sa != sb) {
        return Error{"target", kTables[i],
                     fmt::format("differs after the copy: {} row(s), checksum {} in the source; {} row(s), "
                                 "checksum {} in the target; nothing was stored",
                                 a.rows, sa, b.rows, sb)};
      }
      out.push_back({kTables[i], a.rows, sa});
    }
    // Every cached page of every node serving the target has changed.
    dst->Exec("UPDATE change_capture SET enabled = 1; INSERT INTO content_changes (scope) VALUES ('*')");
    writing.Commit();
    if (dst->dialect() == SqlDialect::kPostgres) {
      // Statistics for the planner, and the visibility map that lets listing
      // pages be read from their indexes alone (without it an old listing
      // page read 4,000 rows instead of 4,000 index entries: 19 ms, not 1).
      dst->Exec("VACUUM (ANALYZE)");
    }
  } catch (const StorageError& e) {
    return Error{"migrate-db", "", e.what()};
  }
  return out;
}

}  // namespace newsdesk

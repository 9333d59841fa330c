// SqlConnection over one libpq connection to PostgreSQL. Statements are
// written in the stores' SQLite flavour (?1, ?2...): Prepare() turns each
// ?N into $k once per connection (numbering only the parameters the text
// uses, so a store may bind parameters a variant of its statement leaves out)
// and prepares it on the server under a name of its own; results come back
// as text and are read as such.
//
// Errors: a lost connection (the server restarted) throws StorageUnavailable
// and marks the connection unhealthy, so the pool closes it instead of
// lending it again; the next borrow connects anew.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "storage/sql/sql_connection.h"

struct pg_conn;
struct pg_result;

namespace newsdesk {

class PgConnection;

// What Prepare() makes of a statement text: the server's text and, for each
// ?N of the original, its $k (0 when the text does not use it).
struct PgStatementText {
  std::string sql;
  std::vector<int> slot_of;  // index N -> k
  int slots = 0;
  struct Use {
    size_t at, length;  // of "$k" in sql
    int slot;           // k
  };
  std::vector<Use> uses;  // in order
};
PgStatementText ToPostgresParameters(std::string_view sqlite_text);

// PostgreSQL text holds neither NUL nor invalid UTF-8, which SQLite kept as
// given (a path typed with %FF, say): NULs are dropped and each invalid byte
// becomes U+FFFD, so such a value matches nothing instead of failing the
// statement. Everything newsdesk stores was valid UTF-8 already.
std::string ValidPostgresText(std::string_view text);

class PgCursor : public SqlCursor {
 public:
  // An empty name: the statement is not prepared on the server, but sent
  // each time with its values written in as literals (PQescapeLiteral), so
  // the server plans it for those values.
  PgCursor(PgConnection* conn, std::string name, PgStatementText text);
  ~PgCursor() override;
  void Bind(int index, std::int64_t value) override;
  void Bind(int index, std::string_view value) override;
  void BindNull(int index) override;
  bool Step() override;
  std::int64_t Int(int column) const override;
  double Double(int column) const override;
  std::string Text(int column) const override;
  bool IsNull(int column) const override;
  int ColumnCount() const override;
  std::string ColumnName(int column) const override;
  void Reset() override;

 private:
  void Set(int index, std::optional<std::string> value);
  const char* Value(int column) const;
  std::string WithLiterals() const;  // the text with each value in place

  PgConnection* conn_;
  std::string name_;
  PgStatementText text_;
  std::vector<std::optional<std::string>> params_;  // by slot
  pg_result* result_ = nullptr;
  int row_ = -1;
  bool ran_ = false;
};

class PgConnection : public SqlConnection {
 public:
  // Connects with a libpq connection string or postgresql:// URL. Throws
  // StorageUnavailable when the server cannot be reached.
  static std::unique_ptr<PgConnection> Open(const std::string& url);
  ~PgConnection() override;

  SqlDialect dialect() const override { return SqlDialect::kPostgres; }
  void Exec(const char* sql) override;
  SqlStatement Prepare(std::string_view sql) override;
  // Sent each time with its values written in as escaped literals: the
  // server plans it for those values, in the same round trip. (Prepared
  // statements run generic plans: Open() sets plan_cache_mode.)
  SqlStatement PrepareForValues(std::string_view sql) override;
  int Changes() const override { return changes_; }
  std::unique_lock<std::mutex> BeginWrite() override;
  void SetDeadline(std::chrono::steady_clock::time_point deadline) override;
  void ClearDeadline() override;
  bool Healthy() const override;
  bool StillUsable() override;

  pg_conn* handle() const { return conn_; }  // for LISTEN/NOTIFY
  // Throws the right StorageError for a failed result (and frees it).
  [[noreturn]] void Fail(const char* what, pg_result* result);
  void NoteChanges(int n) { changes_ = n; }

 private:
  explicit PgConnection(pg_conn* conn) : conn_(conn) {}
  struct SqlHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  pg_conn* conn_;
  int changes_ = 0;
  bool deadline_set_ = false;
  std::unordered_map<std::string, std::unique_ptr<PgCursor>, SqlHash, std::equal_to<>> statements_;
  std::unordered_map<std::string, std::unique_ptr<PgCursor>, SqlHash, std::equal_to<>> planned_per_call_;
};

}  // namespace newsdesk

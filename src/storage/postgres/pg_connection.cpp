#include "storage/postgres/pg_connection.h"

#include <libpq-fe.h>

#include <charconv>
#include <cstdlib>
#include <cstring>

#include "base/utf8.h"
#include "storage/store.h"

namespace newsdesk {

PgStatementText ToPostgresParameters(std::string_view in) {
  // First pass: which ?N the text uses (outside quotes and comments).
  PgStatementText out;
  struct Use {
    size_t at, len;
    int n;
  };
  std::vector<Use> uses;
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '\'' || c == '"') {
      for (++i; i < in.size() && in[i] != c; ++i) {
      }
    } else if (c == '-' && i + 1 < in.size() && in[i + 1] == '-') {
      while (i < in.size() && in[i] != '\n') ++i;
    } else if (c == '?' && i + 1 < in.size() && in[i + 1] >= '0' && in[i + 1] <= '9') {
      size_t j = i + 1;
      int n = 0;
      while (j < in.size() && in[j] >= '0' && in[j] <= '9') n = n * 10 + (in[j++] - '0');
      uses.push_back({i, j - i, n});
      if (static_cast<int>(out.slot_of.size()) <= n) out.slot_of.resize(n + 1, 0);
      out.slot_of[n] = 1;
      i = j - 1;
    }
  }
  for (int& slot : out.slot_of) {
    if (slot) slot = ++out.slots;
  }
  size_t from = 0;
  for (const Use& u : uses) {
    out.sql.append(in.substr(from, u.at - from));
    std::string placeholder = '$' + std::to_string(out.slot_of[u.n]);
    out.uses.push_back({out.sql.size(), placeholder.size(), out.slot_of[u.n]});
    out.sql += placeholder;
    from = u.at + u.len;
  }
  out.sql.append(in.substr(from));
  return out;
}

PgCursor::PgCursor(PgConnection* conn, std::string name, PgStatementText text)
    : conn_(conn), name_(std::move(name)), text_(std::move(text)), params_(text_.slots) {}

PgCursor::~PgCursor() {
  if (result_) PQclear(result_);
}

void PgCursor::Set(int index, std::optional<std::string> value) {
  // A parameter this variant of the statement does not use is ignored.
  if (index <= 0 || index >= static_cast<int>(text_.slot_of.size()) || text_.slot_of[index] == 0) return;
  params_[text_.slot_of[index] - 1] = std::move(value);
}

void PgCursor::Bind(int index, std::int64_t value) { Set(index, std::to_string(value)); }
std::string ValidPostgresText(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size();) {
    size_t n = in[i] == '\0' ? 0 : Utf8SequenceAt(in, i);
    if (n == 0) {
      if (in[i] != '\0') out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    out.append(in.substr(i, n));
    i += n;
  }
  return out;
}

void PgCursor::Bind(int index, std::string_view value) { Set(index, ValidPostgresText(value)); }
void PgCursor::BindNull(int index) { Set(index, std::nullopt); }

std::string PgCursor::WithLiterals() const {
  // Each value as an untyped literal ('...'), which the server types from
  // where it stands, as it types an untyped parameter.
  std::string sql;
  sql.reserve(text_.sql.size() + 64);
  size_t from = 0;
  for (const auto& use : text_.uses) {
    sql.append(text_.sql, from, use.at - from);
    const auto& value = params_[use.slot - 1];
    if (!value) {
      sql += "NULL";
    } else {
      char* literal = PQescapeLiteral(conn_->handle(), value->data(), value->size());
      if (!literal) throw StorageError(std::string("postgresql literal: ") + PQerrorMessage(conn_->handle()));
      sql += literal;
      PQfreemem(literal);
    }
    from = use.at + use.length;
  }
  sql.append(text_.sql, from);
  return sql;
}

bool PgCursor::Step() {
  if (!ran_) {
    ran_ = true;
    PGresult* r = nullptr;
    if (name_.empty()) {
      r = PQexecParams(conn_->handle(), WithLiterals().c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0);
    } else {
      std::vector<const char*> values(params_.size());
      for (size_t i = 0; i < params_.size(); ++i) values[i] = params_[i] ? params_[i]->c_str() : nullptr;
      r = PQexecPrepared(conn_->handle(), name_.c_str(), static_cast<int>(values.size()), values.data(), nullptr,
                         nullptr, 0);
    }
    auto status = PQresultStatus(r);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) conn_->Fail("statement", r);
    const char* tuples = PQcmdTuples(r);
    conn_->NoteChanges(tuples && *tuples ? std::atoi(tuples) : 0);
    result_ = r;
    row_ = -1;
  }
  if (!result_) return false;
  ++row_;
  return row_ < PQntuples(result_);
}

const char* PgCursor::Value(int column) const {
  if (!result_ || row_ < 0 || row_ >= PQntuples(result_) || column >= PQnfields(result_)) return nullptr;
  if (PQgetisnull(result_, row_, column)) return nullptr;
  return PQgetvalue(result_, row_, column);
}

std::int64_t PgCursor::Int(int column) const {
  const char* v = Value(column);
  if (!v) return 0;
  if (v[0] == 't' && v[1] == '\0') return 1;  // a boolean
  if (v[0] == 'f' && v[1] == '\0') return 0;
  std::int64_t out = 0;
  auto [end, ec] = std::from_chars(v, v + std::strlen(v), out);
  if (ec != std::errc() || *end == '.') return static_cast<std::int64_t>(std::strtod(v, nullptr));
  return out;
}

double PgCursor::Double(int column) const {
  const char* v = Value(column);
  return v ? std::strtod(v, nullptr) : 0.0;
}

std::string PgCursor::Text(int column) const {
  const char* v = Value(column);
  if (!v) return {};
  return std::string(v, static_cast<size_t>(PQgetlength(result_, row_, column)));
}

bool PgCursor::IsNull(int column) const { return Value(column) == nullptr; }

int PgCursor::ColumnCount() const { return result_ ? PQnfields(result_) : 0; }

std::string PgCursor::ColumnName(int column) const {
  const char* name = result_ ? PQfname(result_, column) : nullptr;
  return name ? name : "";
}

void PgCursor::Reset() {
  if (result_) PQclear(result_);
  result_ = nullptr;
  ran_ = false;
  row_ = -1;
  for (auto& p : params_) p.reset();
}

std::unique_ptr<PgConnection> PgConnection::Open(const std::string& url) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (!conn || PQstatus(conn) != CONNECTION_OK) {
    std::string msg = conn ? PQerrorMessage(conn) : "out of memory";
    if (conn) PQfinish(conn);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    throw StorageUnavailable("cannot connect to PostgreSQL: " + msg);
  }
  std::unique_ptr<PgConnection> out(new PgConnection(conn));
  // Notices (CREATE ... IF NOT EXISTS) are not errors; keep them off stderr.
  PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
  // Prepared statements run one generic plan, made once: otherwise the server
  // plans some of them anew on every run, because its generic plan's cost
  // estimate comes out above the custom plans' (measured: planning 0.4–0.7 ms
  // of a front page's 1 ms of statements). Statements that must be planned
  // for their values (searches) go through PrepareForValues.
  out->Exec("SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'; SET plan_cache_mode = force_generic_plan");
  return out;
}

PgConnection::~PgConnection() {
  statements_.clear();
  planned_per_call_.clear();
  PQfinish(conn_);
}

bool PgConnection::Healthy() const { return PQstatus(conn_) == CONNECTION_OK; }

bool PgConnection::StillUsable() {
  // Non-blocking: reads only what has arrived. EOF marks the connection bad.
  if (PQstatus(conn_) == CONNECTION_OK) PQconsumeInput(conn_);
  return PQstatus(conn_) == CONNECTION_OK;
}

void PgConnection::Fail(const char* what, PGresult* r) {
  std::string state = r && PQresultErrorField(r, PG_DIAG_SQLSTATE) ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : "";
  std::string msg = r ? PQresultErrorMessage(r) : "";
  if (msg.empty()) msg = PQerrorMessage(conn_);
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  if (r) PQclear(r);
  if (state == "57014") throw QueryTimeout(std::string("postgresql ") + what + ": query ran past its time budget");
  // Class 08 (connection exception), 57P01-57P03 (shutting down, cannot connect now).
  if (PQstatus(conn_) != CONNECTION_OK || state.rfind("08", 0) == 0 || state.rfind("57P", 0) == 0) {
    throw StorageUnavailable(std::string("postgresql ") + what + ": " + msg);
  }
  throw StorageError(std::string("postgresql ") + what + ": " + msg);
}

void PgConnection::Exec(const char* sql) {
  PGresult* r = PQexec(conn_, sql);
  auto status = PQresultStatus(r);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) Fail("exec", r);
  PQclear(r);
}

SqlStatement PgConnection::Prepare(std::string_view sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    PgStatementText text = ToPostgresParameters(sql);
    std::string name = "s" + std::to_string(statements_.size() + 1);
    PGresult* r = PQprepare(conn_, name.c_str(), text.sql.c_str(), 0, nullptr);
    if (PQresultStatus(r) != PGRES_COMMAND_OK) Fail("prepare", r);
    PQclear(r);
    it = statements_.emplace(std::string(sql), std::make_unique<PgCursor>(this, name, std::move(text))).first;
  }
  return SqlStatement(it->second.get());
}

SqlStatement PgConnection::PrepareForValues(std::string_view sql) {
  auto it = planned_per_call_.find(sql);
  if (it == planned_per_call_.end()) {
    it = planned_per_call_.emplace(std::string(sql), std::make_unique<PgCursor>(this, "", ToPostgresParameters(sql)))
             .first;
  }
  return SqlStatement(it->second.get());
}

std::unique_lock<std::mutex> PgConnection::BeginWrite() {
  // One writer at a time across every node, as SQLite has it: stores read,
  // decide and write in one transaction without re-checking. Writes are an
  // editor's save or a newsletter batch, never a reader's request.
  Exec("BEGIN; SELECT pg_advisory_xact_lock(7220316)");
  return {};
}

void PgConnection::SetDeadline(std::chrono::steady_clock::time_point deadline) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
  Exec(("SET statement_timeout = " + std::to_string(std::max<long long>(1, ms))).c_str());
  deadline_set_ = true;
}

void PgConnection::ClearDeadline() {
  if (!deadline_set_) return;
  deadline_set_ = false;
  try {
    Exec("SET statement_timeout = 0");
  } catch (const StorageError&) {
    // A connection that failed here is unhealthy and will not be lent again.
  }
}

}  // namespace newsdesk

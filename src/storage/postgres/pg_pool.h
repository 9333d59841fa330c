// Pooled connections to one PostgreSQL database. A connection lost with its
// server is closed when returned (SqlConnection::Healthy); the next borrow
// connects again, so a restarted server is picked up without a restart of
// newsdesk.
#pragma once

#include <string>

#include "storage/postgres/pg_connection.h"
#include "storage/sql/sql_pool.h"

namespace newsdesk {

class PgPool : public SqlPool {
 public:
  explicit PgPool(std::string url) : url_(std::move(url)) {}

 protected:
  std::unique_ptr<SqlConnection> Open() override { return PgConnection::Open(url_); }

 private:
  std::string url_;
};

}  // namespace newsdesk

#include "storage/sql/sql_connection.h"

#include "storage/store.h"

namespace newsdesk {

SqlTransaction::~SqlTransaction() {
  if (!done_) {
    try {
      conn_->Exec("ROLLBACK");
    } catch (const StorageError&) {
      // The transaction is gone either way; nothing more to do in a destructor.
    }
  }
}

void SqlTransaction::Commit() {
  conn_->Exec("COMMIT");
  done_ = true;
}

void SqlTransaction::Rollback() {
  if (done_) return;
  done_ = true;
  conn_->Exec("ROLLBACK");
}

}  // namespace newsdesk

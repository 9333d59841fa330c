#pragma once

#include "storage/audit_log.h"

namespace newsdesk {

class SqlitePool;

// The SQLite back end of AuditLog (table audit_log, migration 0018).
class SqliteAuditLog : public AuditLog {
 public:
  explicit SqliteAuditLog(SqlitePool* pool) : pool_(pool) {}
  void Record(const AuditEntry& entry) override;
  std::vector<AuditEntry> List(const AuditQuery& query) override;
  int Prune(UnixSeconds before) override;

 private:
  SqlitePool* pool_;
};

}  // namespace newsdesk

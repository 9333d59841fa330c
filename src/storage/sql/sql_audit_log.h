#pragma once

#include "storage/audit_log.h"

namespace newsdesk {

class SqlPool;

// AuditLog in SQL, for SQLite and PostgreSQL (table audit_log, migration 0018).
class SqlAuditLog : public AuditLog {
 public:
  explicit SqlAuditLog(SqlPool* pool) : pool_(pool) {}
  void Record(const AuditEntry& entry) override;
  std::vector<AuditEntry> List(const AuditQuery& query) override;
  int Prune(UnixSeconds before) override;

 private:
  SqlPool* pool_;
};

}  // namespace newsdesk

#include "storage/sql/sql_audit_log.h"

#include <algorithm>

#include "storage/sql/sql_pool.h"

namespace newsdesk {

void SqlAuditLog::Record(const AuditEntry& e) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  db->Prepare("INSERT INTO audit_log (at, actor, action, subject, detail, client_addr) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
      .Bind(1, e.at).Bind(2, e.actor).Bind(3, e.action).Bind(4, e.subject).Bind(5, e.detail).Bind(6, e.client_addr)
      .Run();
  tx.Commit();
}

std::vector<AuditEntry> SqlAuditLog::List(const AuditQuery& q) {
  auto db = pool_->Borrow();
  // The action prefix is matched with a range, not LIKE, so '%' and '_' typed
  // into the filter are plain characters.
  auto st = db->Prepare(
      "SELECT id, at, actor, action, subject, detail, client_addr FROM audit_log "
      "WHERE (?1 = 0 OR id < ?1) AND (?2 = '' OR actor = ?2) AND (?3 = '' OR (action >= ?3 AND action < ?3 || x'f4')) "
      "ORDER BY id DESC LIMIT ?4");
  st.Bind(1, q.before_id).Bind(2, q.actor).Bind(3, q.action_prefix)
      .Bind(4, static_cast<std::int64_t>(std::clamp(q.limit, 1, 1000)));
  std::vector<AuditEntry> out;
  while (st.Step()) out.push_back({st.Int(0), st.Int(1), st.Text(2), st.Text(3), st.Text(4), st.Text(5), st.Text(6)});
  return out;
}

int SqlAuditLog::Prune(UnixSeconds before) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  db->Prepare("DELETE FROM audit_log WHERE at < ?1").Bind(1, before).Run();
  int n = static_cast<int>(db->Changes());
  tx.Commit();
  return n;
}

}  // namespace newsdesk

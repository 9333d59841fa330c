#include "storage/sql/sql_account_store.h"

#include "storage/sql/sql_pool.h"

namespace newsdesk {

namespace {

constexpr const char* kUserColumns =
    "email, name, role, password_hash, COALESCE(author_slug, ''), created_at, COALESCE(deactivated_at, 0), "
    "COALESCE(totp_secret, ''), COALESCE(totp_pending, '')";

User ReadUser(SqlStatement& st) {
  User u{st.Text(0), st.Text(1), ParseRole(st.Text(2)).value_or(Role::kContributor), st.Text(3),
         st.Text(4), st.Int(5), st.Int(6)};
  u.totp_secret = st.Text(7);
  u.totp_pending = st.Text(8);
  u.two_factor = !u.totp_secret.empty();
  return u;
}

// Whether changing `email` away from being an active admin would leave none.
// Called inside the change's transaction.
bool IsLastActiveAdmin(SqlConnection* db, const std::string& email) {
  auto st = db->Prepare(
      "SELECT COUNT(*) FILTER (WHERE email <> ?1), COUNT(*) FILTER (WHERE email = ?1) FROM users "
      "WHERE role = 'admin' AND deactivated_at IS NULL");
  st.Bind(1, email);
  st.Step();
  return st.Int(1) > 0 && st.Int(0) == 0;
}

bool Exists(SqlConnection* db, const std::string& email) {
  auto st = db->Prepare("SELECT 1 FROM users WHERE email = ?1");
  st.Bind(1, email);
  return st.Step();
}

}  // namespace

bool SqlAccountStore::InsertUser(SqlConnection* db, const User& u, UnixSeconds now) {
  auto st = db->Prepare(
      "INSERT INTO users (email, name, role, password_hash, created_at, author_slug) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
      "ON CONFLICT (email) DO NOTHING");
  st.Bind(1, u.email).Bind(2, u.name).Bind(3, std::string_view(ToString(u.role))).Bind(4, u.password_hash)
      .Bind(5, now);
  if (u.author_slug.empty()) st.BindNull(6);
  else st.Bind(6, u.author_slug);
  st.Run();
  return db->Changes() > 0;
}

bool SqlAccountStore::AddUser(const User& u, UnixSeconds now) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  bool added = InsertUser(db.get(), u, now);
  tx.Commit();
  return added;
}

std::optional<User> SqlAccountStore::FindUser(const std::string& email) {
  auto db = pool_->Borrow();
  auto st = db->Prepare(std::string("SELECT ") + kUserColumns + " FROM users WHERE email = ?1");
  st.Bind(1, email);
  if (!st.Step()) return std::nullopt;
  return ReadUser(st);
}

std::vector<User> SqlAccountStore::ListUsers() {
  auto db = pool_->Borrow();
  auto st = db->Prepare(std::string("SELECT ") + kUserColumns + " FROM users ORDER BY email");
  std::vector<User> out;
  while (st.Step()) {
    out.push_back(ReadUser(st));
    out.back().password_hash.clear();
    out.back().totp_secret.clear();
    out.back().totp_pending.clear();
  }
  return out;
}

RemoveUserOutcome SqlAccountStore::RemoveUser(const std::string& email) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  if (!Exists(db.get(), email)) return RemoveUserOutcome::kNotFound;
  if (IsLastActiveAdmin(db.get(), email)) return RemoveUserOutcome::kLastAdmin;
  // Sessions and owned tokens go with the user (ON DELETE CASCADE).
  db->Prepare("DELETE FROM users WHERE email = ?1").Bind(1, email).Run();
  tx.Commit();
  return RemoveUserOutcome::kRemoved;
}

StaffOutcome SqlAccountStore::SetRole(const std::string& email, Role role) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  if (!Exists(db.get(), email)) return StaffOutcome::kNotFound;
  if (role != Role::kAdmin && IsLastActiveAdmin(db.get(), email)) return StaffOutcome::kLastAdmin;
  db->Prepare("UPDATE users SET role = ?2 WHERE email = ?1").Bind(1, email)
      .Bind(2, std::string_view(ToString(role))).Run();
  tx.Commit();
  return StaffOutcome::kDone;
}

StaffOutcome SqlAccountStore::SetActive(const std::string& email, bool active, UnixSeconds now) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  if (!Exists(db.get(), email)) return StaffOutcome::kNotFound;
  if (active) {
    db->Prepare("UPDATE users SET deactivated_at = NULL WHERE email = ?1").Bind(1, email).Run();
  } else {
    if (IsLastActiveAdmin(db.get(), email)) return StaffOutcome::kLastAdmin;
    db->Prepare("UPDATE users SET deactivated_at = COALESCE(deactivated_at, ?2) WHERE email = ?1")
        .Bind(1, email).Bind(2, now).Run();
    db->Prepare("DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE email = ?1)").Bind(1, email).Run();
    db->Prepare("DELETE FROM api_tokens WHERE user_id = (SELECT id FROM users WHERE email = ?1)").Bind(1, email).Run();
    db->Prepare("DELETE FROM password_resets WHERE user_id = (SELECT id FROM users WHERE email = ?1)")
        .Bind(1, email).Run();
  }
  tx.Commit();
  return StaffOutcome::kDone;
}

StaffOutcome SqlAccountStore::SetByline(const std::string& email, const std::string& author_slug) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  auto st = db->Prepare("UPDATE users SET author_slug = ?2 WHERE email = ?1");
  st.Bind(1, email);
  if (author_slug.empty()) st.BindNull(2);
  else st.Bind(2, author_slug);
  st.Run();
  bool found = db->Changes() > 0;
  tx.Commit();
  return found ? StaffOutcome::kDone : StaffOutcome::kNotFound;
}

bool SqlAccountStore::SetPassword(const std::string& email, const std::string& password_hash,
                                     const std::string& keep_session_hash) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  db->Prepare("UPDATE users SET password_hash = ?2 WHERE email = ?1").Bind(1, email).Bind(2, password_hash).Run();
  if (db->Changes() == 0) return false;
  db->Prepare("DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE email = ?1) AND token_hash <> ?2")
      .Bind(1, email).Bind(2, keep_session_hash).Run();
  tx.Commit();
  return true;
}

}  // namespace newsdesk

// SqlAccountStore: invitations and password resets, each a hashed token
// used once.
#include "storage/sql/sql_account_store.h"
#include "storage/sql/sql_pool.h"

namespace newsdesk {

namespace {

constexpr const char* kInvitationSelect =
    "SELECT id, email, role, COALESCE(author_slug, ''), invited_by, created_at, expires_at FROM invitations ";

Invitation ReadInvitation(SqlStatement& st) {
  return {st.Int(0), st.Text(1), ParseRole(st.Text(2)).value_or(Role::kContributor), st.Text(3), st.Text(4),
          st.Int(5), st.Int(6)};
}

}  // namespace

void SqlAccountStore::AddInvitation(const Invitation& inv, const std::string& token_hash) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  // A new invitation to the same address replaces the pending one.
  db->Prepare("DELETE FROM invitations WHERE email = ?1 AND accepted_at IS NULL").Bind(1, inv.email).Run();
  auto st = db->Prepare(
      "INSERT INTO invitations (email, role, author_slug, token_hash, invited_by, created_at, expires_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  st.Bind(1, inv.email).Bind(2, std::string_view(ToString(inv.role)));
  if (inv.author_slug.empty()) st.BindNull(3);
  else st.Bind(3, inv.author_slug);
  st.Bind(4, token_hash).Bind(5, inv.invited_by).Bind(6, inv.created_at).Bind(7, inv.expires_at).Run();
  tx.Commit();
}

std::optional<Invitation> SqlAccountStore::FindInvitation(const std::string& token_hash, UnixSeconds now) {
  auto db = pool_->Borrow();
  auto st = db->Prepare(std::string(kInvitationSelect) +
                        "WHERE token_hash = ?1 AND accepted_at IS NULL AND expires_at >= ?2");
  st.Bind(1, token_hash).Bind(2, now);
  if (!st.Step()) return std::nullopt;
  return ReadInvitation(st);
}

std::vector<Invitation> SqlAccountStore::ListInvitations(UnixSeconds now) {
  auto db = pool_->Borrow();
  auto st = db->Prepare(std::string(kInvitationSelect) +
                        "WHERE accepted_at IS NULL AND expires_at >= ?1 ORDER BY id DESC");
  st.Bind(1, now);
  std::vector<Invitation> out;
  while (st.Step()) out.push_back(ReadInvitation(st));
  return out;
}

bool SqlAccountStore::RevokeInvitation(std::int64_t id) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  db->Prepare("DELETE FROM invitations WHERE id = ?1 AND accepted_at IS NULL").Bind(1, id).Run();
  bool found = db->Changes() > 0;
  tx.Commit();
  return found;
}

AcceptOutcome SqlAccountStore::AcceptInvitation(const std::string& token_hash, const User& u, UnixSeconds now) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  db->Prepare("UPDATE invitations SET accepted_at = ?2 WHERE token_hash = ?1 AND accepted_at IS NULL "
              "AND expires_at >= ?2")
      .Bind(1, token_hash).Bind(2, now).Run();
  if (db->Changes() == 0) return AcceptOutcome::kGone;
  if (!InsertUser(db.get(), u, now)) return AcceptOutcome::kEmailTaken;
  tx.Commit();
  return AcceptOutcome::kAccepted;
}

bool SqlAccountStore::AddPasswordReset(const std::string& email, const std::string& token_hash, UnixSeconds now,
                                          UnixSeconds expires_at) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  db->Prepare("DELETE FROM password_resets WHERE expires_at < ?1 OR used_at IS NOT NULL").Bind(1, now).Run();
  db->Prepare("INSERT INTO password_resets (user_id, token_hash, created_at, expires_at) "
              "SELECT id, ?2, ?3, ?4 FROM users WHERE email = ?1 AND deactivated_at IS NULL")
      .Bind(1, email).Bind(2, token_hash).Bind(3, now).Bind(4, expires_at).Run();
  bool added = db->Changes() > 0;
  tx.Commit();
  return added;
}

std::optional<std::string> SqlAccountStore::UsePasswordReset(const std::string& token_hash,
                                                                const std::string& password_hash, UnixSeconds now) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  std::int64_t user_id = 0;
  std::string email;
  {
    auto st = db->Prepare(
        "SELECT u.id, u.email FROM password_resets r JOIN users u ON u.id = r.user_id WHERE r.token_hash = ?1 "
        "AND r.used_at IS NULL AND r.expires_at >= ?2 AND u.deactivated_at IS NULL");
    st.Bind(1, token_hash).Bind(2, now);
    if (!st.Step()) return std::nullopt;
    user_id = st.Int(0);
    email = st.Text(1);
  }
  db->Prepare("UPDATE password_resets SET used_at = ?2 WHERE token_hash = ?1").Bind(1, token_hash).Bind(2, now).Run();
  // Every other reset of the account dies with this one.
  db->Prepare("DELETE FROM password_resets WHERE user_id = ?1 AND used_at IS NULL").Bind(1, user_id).Run();
  db->Prepare("UPDATE users SET password_hash = ?2 WHERE id = ?1").Bind(1, user_id).Bind(2, password_hash).Run();
  db->Prepare("DELETE FROM sessions WHERE user_id = ?1").Bind(1, user_id).Run();
  tx.Commit();
  return email;
}

}  // namespace newsdesk

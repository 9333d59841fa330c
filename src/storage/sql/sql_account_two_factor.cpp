// SqlAccountStore: two-factor secrets, recovery codes and the sign-in
// challenges waiting for a second factor.
#include "storage/sql/sql_account_store.h"
#include "storage/sql/sql_pool.h"

namespace newsdesk {

void SqlAccountStore::SetPendingTotp(const std::string& email, const std::string& hex_secret) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  db->Prepare("UPDATE users SET totp_pending = ?2 WHERE email = ?1").Bind(1, email).Bind(2, hex_secret).Run();
  tx.Commit();
}

bool SqlAccountStore::EnableTotp(const std::string& email, std::int64_t step,
                                    const std::vector<std::string>& recovery_code_hashes) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  db->Prepare("UPDATE users SET totp_secret = totp_pending, totp_pending = NULL, totp_last_step = ?2 "
              "WHERE email = ?1 AND totp_pending IS NOT NULL")
      .Bind(1, email).Bind(2, step).Run();
  if (db->Changes() == 0) return false;
  db->Prepare("DELETE FROM recovery_codes WHERE user_id = (SELECT id FROM users WHERE email = ?1)").Bind(1, email).Run();
  for (const auto& hash : recovery_code_hashes) {
    db->Prepare("INSERT INTO recovery_codes (user_id, code_hash) SELECT id, ?2 FROM users WHERE email = ?1")
        .Bind(1, email).Bind(2, hash).Run();
  }
  tx.Commit();
  return true;
}

void SqlAccountStore::DisableTotp(const std::string& email) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  db->Prepare("UPDATE users SET totp_secret = NULL, totp_pending = NULL WHERE email = ?1").Bind(1, email).Run();
  db->Prepare("DELETE FROM recovery_codes WHERE user_id = (SELECT id FROM users WHERE email = ?1)").Bind(1, email).Run();
  tx.Commit();
}

bool SqlAccountStore::UseTotpStep(const std::string& email, std::int64_t step) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  db->Prepare("UPDATE users SET totp_last_step = ?2 WHERE email = ?1 AND totp_last_step < ?2")
      .Bind(1, email).Bind(2, step).Run();
  bool fresh = db->Changes() > 0;
  tx.Commit();
  return fresh;
}

bool SqlAccountStore::UseRecoveryCode(const std::string& email, const std::string& code_hash, UnixSeconds now) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  db->Prepare("UPDATE recovery_codes SET used_at = ?3 WHERE code_hash = ?2 AND used_at IS NULL AND "
              "user_id = (SELECT id FROM users WHERE email = ?1)")
      .Bind(1, email).Bind(2, code_hash).Bind(3, now).Run();
  bool used = db->Changes() > 0;
  tx.Commit();
  return used;
}

int SqlAccountStore::RecoveryCodesLeft(const std::string& email) {
  auto db = pool_->Borrow();
  auto st = db->Prepare("SELECT COUNT(*) FROM recovery_codes WHERE used_at IS NULL AND "
                        "user_id = (SELECT id FROM users WHERE email = ?1)");
  st.Bind(1, email);
  st.Step();
  return static_cast<int>(st.Int(0));
}

void SqlAccountStore::AddSignInChallenge(const std::string& email, const std::string& token_hash,
                                            UnixSeconds now, UnixSeconds expires_at) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  db->Prepare("DELETE FROM sign_in_challenges WHERE expires_at < ?1").Bind(1, now).Run();
  db->Prepare("INSERT INTO sign_in_challenges (token_hash, user_id, expires_at) SELECT ?2, id, ?3 FROM users "
              "WHERE email = ?1")
      .Bind(1, email).Bind(2, token_hash).Bind(3, expires_at).Run();
  tx.Commit();
}

std::optional<std::string> SqlAccountStore::FindSignInChallenge(const std::string& token_hash, UnixSeconds now) {
  auto db = pool_->Borrow();
  auto st = db->Prepare("SELECT u.email FROM sign_in_challenges c JOIN users u ON u.id = c.user_id "
                        "WHERE c.token_hash = ?1 AND c.expires_at >= ?2 AND u.deactivated_at IS NULL");
  st.Bind(1, token_hash).Bind(2, now);
  if (!st.Step()) return std::nullopt;
  return st.Text(0);
}

void SqlAccountStore::DeleteSignInChallenge(const std::string& token_hash) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  db->Prepare("DELETE FROM sign_in_challenges WHERE token_hash = ?1").Bind(1, token_hash).Run();
  tx.Commit();
}

}  // namespace newsdesk

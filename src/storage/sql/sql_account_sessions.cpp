// SqlAccountStore: sign-in sessions and API tokens.
#include "storage/sql/sql_account_store.h"
#include "storage/sql/sql_pool.h"

namespace newsdesk {

namespace {

// Uses are written down at most this often, so a busy client is no write per request.
constexpr UnixSeconds kNoteUseEvery = 60;

constexpr const char* kTokenSelect =
    "SELECT t.id, t.name, COALESCE(u.role, t.role), t.created_at, COALESCE(t.last_used_at, 0), "
    "COALESCE(u.email, ''), COALESCE(u.name, ''), COALESCE(u.author_slug, '') "
    "FROM api_tokens t LEFT JOIN users u ON u.id = t.user_id ";

TokenInfo ReadToken(SqlStatement& st) {
  return {st.Int(0),  st.Text(1), ParseRole(st.Text(2)).value_or(Role::kContributor), st.Int(3), st.Int(4),
          st.Text(5), st.Text(6), st.Text(7)};
}

}  // namespace

std::vector<TokenInfo> SqlAccountStore::ListTokens(const std::string& owner_email) {
  auto db = pool_->Borrow();
  auto st = db->Prepare(std::string(kTokenSelect) + "WHERE ?1 = '' OR u.email = ?1 ORDER BY t.id");
  st.Bind(1, owner_email);
  std::vector<TokenInfo> out;
  while (st.Step()) out.push_back(ReadToken(st));
  return out;
}

bool SqlAccountStore::RevokeToken(std::int64_t id, const std::string& owner_email) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  db->Prepare("DELETE FROM api_tokens WHERE id = ?1 AND (?2 = '' OR user_id = "
              "(SELECT id FROM users WHERE email = ?2))")
      .Bind(1, id).Bind(2, owner_email).Run();
  bool found = db->Changes() > 0;
  tx.Commit();
  return found;
}

void SqlAccountStore::AddToken(const std::string& name, Role role, const std::string& token_hash,
                                  UnixSeconds now, const std::string& owner_email) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  db->Prepare("INSERT INTO api_tokens (name, role, token_hash, created_at, user_id) "
              "VALUES (?1, ?2, ?3, ?4, (SELECT id FROM users WHERE email = ?5 AND ?5 <> ''))")
      .Bind(1, name).Bind(2, std::string_view(ToString(role))).Bind(3, token_hash).Bind(4, now).Bind(5, owner_email)
      .Run();
  tx.Commit();
}

std::optional<TokenInfo> SqlAccountStore::UseToken(const std::string& token_hash, UnixSeconds now, bool* noted) {
  if (noted) *noted = false;
  auto db = pool_->Borrow();
  std::optional<TokenInfo> token;
  {
    auto st = db->Prepare(std::string(kTokenSelect) +
                          "WHERE t.token_hash = ?1 AND (t.user_id IS NULL OR u.deactivated_at IS NULL)");
    st.Bind(1, token_hash);
    if (!st.Step()) return std::nullopt;
    if (!ParseRole(st.Text(2))) return std::nullopt;
    token = ReadToken(st);
    if (token->last_used_at > now - kNoteUseEvery) return token;
  }
  SqlTransaction tx(db.get());
  db->Prepare("UPDATE api_tokens SET last_used_at = ?2 WHERE token_hash = ?1").Bind(1, token_hash).Bind(2, now).Run();
  tx.Commit();
  if (noted) *noted = true;
  return token;
}

void SqlAccountStore::AddSession(const std::string& email, const std::string& token_hash, UnixSeconds now,
                                    UnixSeconds expires_at, const std::string& client_addr,
                                    const std::string& user_agent) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  db->Prepare("DELETE FROM sessions WHERE expires_at < ?1").Bind(1, now).Run();
  db->Prepare("INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at, client_addr, "
              "user_agent) SELECT ?1, id, ?2, ?3, ?2, ?5, ?6 FROM users WHERE email = ?4")
      .Bind(1, token_hash).Bind(2, now).Bind(3, expires_at).Bind(4, email).Bind(5, client_addr)
      .Bind(6, std::string_view(user_agent).substr(0, 300))
      .Run();
  tx.Commit();
}

std::optional<User> SqlAccountStore::FindSession(const std::string& token_hash, UnixSeconds now) {
  auto db = pool_->Borrow();
  std::optional<User> user;
  {
    auto st = db->Prepare(
        "SELECT u.email, u.name, u.role, u.password_hash, COALESCE(u.author_slug, ''), u.created_at, "
        "COALESCE(s.last_seen_at, 0) FROM sessions s JOIN users u ON u.id = s.user_id "
        "WHERE s.token_hash = ?1 AND s.expires_at >= ?2 AND u.deactivated_at IS NULL");
    st.Bind(1, token_hash).Bind(2, now);
    if (!st.Step()) return std::nullopt;
    user = User{st.Text(0), st.Text(1), ParseRole(st.Text(2)).value_or(Role::kContributor), st.Text(3),
                st.Text(4), st.Int(5), 0};
    if (st.Int(6) > now - kNoteUseEvery) return user;
  }
  SqlTransaction tx(db.get());
  db->Prepare("UPDATE sessions SET last_seen_at = ?2 WHERE token_hash = ?1").Bind(1, token_hash).Bind(2, now).Run();
  tx.Commit();
  return user;
}

void SqlAccountStore::DeleteSession(const std::string& token_hash) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  db->Prepare("DELETE FROM sessions WHERE token_hash = ?1").Bind(1, token_hash).Run();
  tx.Commit();
}

std::vector<SessionInfo> SqlAccountStore::ListSessions(const std::string& email, const std::string& current_hash,
                                                          UnixSeconds now) {
  auto db = pool_->Borrow();
  auto st = db->Prepare(
      "SELECT s.id, s.created_at, COALESCE(s.last_seen_at, s.created_at), s.expires_at, s.client_addr, "
      "s.user_agent, s.token_hash = ?2 FROM sessions s JOIN users u ON u.id = s.user_id "
      "WHERE u.email = ?1 AND s.expires_at >= ?3 ORDER BY s.id DESC");
  st.Bind(1, email).Bind(2, current_hash).Bind(3, now);
  std::vector<SessionInfo> out;
  while (st.Step()) {
    out.push_back({st.Int(0), st.Int(1), st.Int(2), st.Int(3), st.Text(4), st.Text(5), st.Int(6) != 0});
  }
  return out;
}

bool SqlAccountStore::DeleteSessionById(const std::string& email, std::int64_t id) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  db->Prepare("DELETE FROM sessions WHERE id = ?2 AND user_id = (SELECT id FROM users WHERE email = ?1)")
      .Bind(1, email).Bind(2, id).Run();
  bool found = db->Changes() > 0;
  tx.Commit();
  return found;
}

}  // namespace newsdesk

#include "storage/sqlite/sqlite_account_store.h"

#include "storage/sqlite/sqlite_pool.h"

namespace newsdesk {

bool SqliteAccountStore::AddUser(const User& u, UnixSeconds now) {
  auto db = pool_->Borrow();
  SqliteTransaction tx(db.get());
  auto st = db->Prepare(
      "INSERT INTO users (email, name, role, password_hash, created_at, author_slug) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
      "ON CONFLICT (email) DO NOTHING");
  st.Bind(1, u.email).Bind(2, u.name).Bind(3, std::string_view(ToString(u.role))).Bind(4, u.password_hash)
      .Bind(5, now);
  if (u.author_slug.empty()) st.BindNull(6);
  else st.Bind(6, u.author_slug);
  st.Run();
  bool added = db->Changes() > 0;
  tx.Commit();
  return added;
}

std::optional<User> SqliteAccountStore::FindUser(const std::string& email) {
  auto db = pool_->Borrow();
  auto st = db->Prepare("SELECT email, name, role, password_hash, COALESCE(author_slug, '') FROM users WHERE email = ?1");
  st.Bind(1, email);
  if (!st.Step()) return std::nullopt;
  return User{st.Text(0), st.Text(1), ParseRole(st.Text(2)).value_or(Role::kContributor), st.Text(3), st.Text(4)};
}

std::vector<User> SqliteAccountStore::ListUsers() {
  auto db = pool_->Borrow();
  auto st = db->Prepare("SELECT email, name, role, COALESCE(author_slug, '') FROM users ORDER BY email");
  std::vector<User> out;
  while (st.Step()) {
    out.push_back(User{st.Text(0), st.Text(1), ParseRole(st.Text(2)).value_or(Role::kContributor), {}, st.Text(3)});
  }
  return out;
}

RemoveUserOutcome SqliteAccountStore::RemoveUser(const std::string& email) {
  auto db = pool_->Borrow();
  SqliteTransaction tx(db.get());
  std::string role;
  {
    auto st = db->Prepare("SELECT role FROM users WHERE email = ?1");
    st.Bind(1, email);
    if (!st.Step()) return RemoveUserOutcome::kNotFound;
    role = st.Text(0);
  }
  if (role == "admin") {
    auto st = db->Prepare("SELECT COUNT(*) FROM users WHERE role = 'admin'");
    st.Step();
    if (st.Int(0) <= 1) return RemoveUserOutcome::kLastAdmin;
  }
  // Sessions go with the user (ON DELETE CASCADE).
  db->Prepare("DELETE FROM users WHERE email = ?1").Bind(1, email).Run();
  tx.Commit();
  return RemoveUserOutcome::kRemoved;
}

std::vector<TokenInfo> SqliteAccountStore::ListTokens() {
  auto db = pool_->Borrow();
  auto st = db->Prepare("SELECT id, name, role, created_at, COALESCE(last_used_at, 0) FROM api_tokens ORDER BY id");
  std::vector<TokenInfo> out;
  while (st.Step()) {
    out.push_back({st.Int(0), st.Text(1), ParseRole(st.Text(2)).value_or(Role::kContributor), st.Int(3), st.Int(4)});
  }
  return out;
}

bool SqliteAccountStore::RevokeToken(std::int64_t id) {
  auto db = pool_->Borrow();
  SqliteTransaction tx(db.get());
  db->Prepare("DELETE FROM api_tokens WHERE id = ?1").Bind(1, id).Run();
  bool found = db->Changes() > 0;
  tx.Commit();
  return found;
}

void SqliteAccountStore::AddToken(const std::string& name, Role role, const std::string& token_hash,
                                  UnixSeconds now) {
  auto db = pool_->Borrow();
  SqliteTransaction tx(db.get());
  db->Prepare("INSERT INTO api_tokens (name, role, token_hash, created_at) VALUES (?1, ?2, ?3, ?4)")
      .Bind(1, name).Bind(2, std::string_view(ToString(role))).Bind(3, token_hash).Bind(4, now)
      .Run();
  tx.Commit();
}

std::optional<TokenInfo> SqliteAccountStore::UseToken(const std::string& token_hash, UnixSeconds now) {
  auto db = pool_->Borrow();
  std::optional<TokenInfo> token;
  {
    auto st = db->Prepare(
        "SELECT id, name, role, created_at, COALESCE(last_used_at, 0) FROM api_tokens WHERE token_hash = ?1");
    st.Bind(1, token_hash);
    if (!st.Step()) return std::nullopt;
    auto role = ParseRole(st.Text(2));
    if (!role) return std::nullopt;
    token = TokenInfo{st.Int(0), st.Text(1), *role, st.Int(3), st.Int(4)};
    if (token->last_used_at > now - 60) return token;  // noted at most once a minute: no write per request
  }
  SqliteTransaction tx(db.get());
  db->Prepare("UPDATE api_tokens SET last_used_at = ?2 WHERE token_hash = ?1").Bind(1, token_hash).Bind(2, now).Run();
  tx.Commit();
  return token;
}

void SqliteAccountStore::AddSession(const std::string& email, const std::string& token_hash, UnixSeconds now,
                                    UnixSeconds expires_at) {
  auto db = pool_->Borrow();
  SqliteTransaction tx(db.get());
  db->Prepare("DELETE FROM sessions WHERE expires_at < ?1").Bind(1, now).Run();
  db->Prepare("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) SELECT ?1, id, ?2, ?3 "
              "FROM users WHERE email = ?4")
      .Bind(1, token_hash).Bind(2, now).Bind(3, expires_at).Bind(4, email)
      .Run();
  tx.Commit();
}

std::optional<User> SqliteAccountStore::FindSession(const std::string& token_hash, UnixSeconds now) {
  auto db = pool_->Borrow();
  auto st = db->Prepare("SELECT u.email, u.name, u.role, u.password_hash, COALESCE(u.author_slug, '') FROM sessions s "
                        "JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?1 AND s.expires_at >= ?2");
  st.Bind(1, token_hash).Bind(2, now);
  if (!st.Step()) return std::nullopt;
  return User{st.Text(0), st.Text(1), ParseRole(st.Text(2)).value_or(Role::kContributor), st.Text(3), st.Text(4)};
}

void SqliteAccountStore::DeleteSession(const std::string& token_hash) {
  auto db = pool_->Borrow();
  SqliteTransaction tx(db.get());
  db->Prepare("DELETE FROM sessions WHERE token_hash = ?1").Bind(1, token_hash).Run();
  tx.Commit();
}

}  // namespace newsdesk

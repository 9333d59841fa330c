#include "storage/sql/sql_desk_activity_store.h"

#include <nlohmann/json.hpp>

#include "storage/sql/sql_pool.h"

namespace newsdesk {

void SqlDeskActivityStore::PutAutosave(const std::string& email, const std::string& key,
                                          const std::string& fields, UnixSeconds now) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  db->Prepare(
        "INSERT INTO article_autosaves (user_email, article_key, saved_at, fields) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT (user_email, article_key) DO UPDATE SET saved_at = excluded.saved_at, fields = excluded.fields")
      .Bind(1, email).Bind(2, key).Bind(3, now).Bind(4, fields)
      .Run();
  tx.Commit();
}

std::optional<Autosave> SqlDeskActivityStore::FindAutosave(const std::string& email, const std::string& key) {
  auto db = pool_->Borrow();
  auto st = db->Prepare("SELECT saved_at, fields FROM article_autosaves WHERE user_email = ?1 AND article_key = ?2");
  st.Bind(1, email).Bind(2, key);
  if (!st.Step()) return std::nullopt;
  return Autosave{st.Int(0), st.Text(1)};
}

void SqlDeskActivityStore::DropAutosave(const std::string& email, const std::string& key) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  db->Prepare("DELETE FROM article_autosaves WHERE user_email = ?1 AND article_key = ?2")
      .Bind(1, email).Bind(2, key)
      .Run();
  tx.Commit();
}

void SqlDeskActivityStore::NotePresence(const std::string& slug, const std::string& email,
                                           const std::string& name, UnixSeconds now) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  db->Prepare(
        "INSERT INTO article_presence (article_slug, user_email, user_name, seen_at) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT (article_slug, user_email) DO UPDATE SET user_name = excluded.user_name, "
        "seen_at = excluded.seen_at")
      .Bind(1, slug).Bind(2, email).Bind(3, name).Bind(4, now)
      .Run();
  // Old heartbeats go as new ones come: the table stays as small as the desk.
  db->Prepare("DELETE FROM article_presence WHERE seen_at < ?1").Bind(1, now - 10 * kPresenceTimeout).Run();
  tx.Commit();
}

void SqlDeskActivityStore::EndPresence(const std::string& slug, const std::string& email) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  db->Prepare("DELETE FROM article_presence WHERE article_slug = ?1 AND user_email = ?2")
      .Bind(1, slug).Bind(2, email)
      .Run();
  tx.Commit();
}

std::map<std::string, std::vector<std::string>> SqlDeskActivityStore::WhoIsEditing(
    const std::vector<std::string>& slugs, const std::string& except_email, UnixSeconds now) {
  std::map<std::string, std::vector<std::string>> out;
  if (slugs.empty()) return out;
  auto db = pool_->Borrow();
  auto st = db->Prepare(
      "SELECT article_slug, user_name FROM article_presence WHERE article_slug IN (SELECT value FROM "
      "json_each(?1)) AND user_email <> ?2 AND seen_at >= ?3 ORDER BY article_slug, user_name");
  st.Bind(1, nlohmann::json(slugs).dump()).Bind(2, except_email).Bind(3, now - kPresenceTimeout);
  while (st.Step()) out[st.Text(0)].push_back(st.Text(1));
  return out;
}

bool SqlDeskActivityStore::AddNote(const std::string& slug, const std::string& author, const std::string& text,
                                      UnixSeconds now) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  db->Prepare(
        "INSERT INTO article_notes (article_id, author_name, created_at, text) "
        "SELECT id, ?2, ?3, ?4 FROM articles WHERE slug = ?1")
      .Bind(1, slug).Bind(2, author).Bind(3, now).Bind(4, text)
      .Run();
  bool added = db->Changes() > 0;
  tx.Commit();
  return added;
}

std::vector<ArticleNote> SqlDeskActivityStore::ListNotes(const std::string& slug) {
  auto db = pool_->Borrow();
  auto st = db->Prepare(
      "SELECT n.id, n.author_name, n.created_at, n.text FROM article_notes n WHERE n.article_id = "
      "(SELECT id FROM articles WHERE slug = ?1) ORDER BY n.id LIMIT 1000");
  st.Bind(1, slug);
  std::vector<ArticleNote> out;
  while (st.Step()) out.push_back({st.Int(0), st.Text(1), st.Int(2), st.Text(3)});
  return out;
}

}  // namespace newsdesk

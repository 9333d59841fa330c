#include "storage/sql/sql_media_store.h"

#include "storage/sql/sql_pool.h"

namespace newsdesk {

namespace {

double Real(const SqlStatement& st, int column) { return std::stod(st.Text(column)); }

}  // namespace

MediaItem ReadMediaRow(const SqlStatement& st, int first) {
  MediaItem m;
  m.id = st.Text(first + 0);
  m.file_name = st.Text(first + 1);
  m.format = st.Text(first + 2);
  m.width = static_cast<int>(st.Int(first + 3));
  m.height = static_cast<int>(st.Int(first + 4));
  m.bytes = st.Int(first + 5);
  m.alt = st.Text(first + 6);
  m.caption = st.Text(first + 7);
  m.credit = st.Text(first + 8);
  m.focal_x = Real(st, first + 9);
  m.focal_y = Real(st, first + 10);
  m.created_at = st.Int(first + 11);
  m.created_by = st.Text(first + 12);
  return m;
}

bool InsertMediaRow(SqlConnection* db, const MediaItem& m) {
  db->Prepare("INSERT INTO media (id, file_name, format, width, height, bytes, alt, caption, credit, focal_x, "
              "focal_y, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
              "ON CONFLICT (id) DO NOTHING")
      .Bind(1, m.id).Bind(2, m.file_name).Bind(3, m.format).Bind(4, std::int64_t{m.width})
      .Bind(5, std::int64_t{m.height}).Bind(6, m.bytes).Bind(7, m.alt).Bind(8, m.caption).Bind(9, m.credit)
      .Bind(10, std::to_string(m.focal_x)).Bind(11, std::to_string(m.focal_y)).Bind(12, m.created_at)
      .Bind(13, m.created_by)
      .Run();
  return db->Changes() > 0;
}

bool SqlMediaStore::AddMedia(const MediaItem& m) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  bool added = InsertMediaRow(db.get(), m);
  tx.Commit();
  written_();
  return added;
}

std::optional<MediaItem> SqlMediaStore::FindMedia(const std::string& id) {
  auto db = pool_->Borrow();
  auto st = db->Prepare(std::string("SELECT ") + kMediaColumns + " FROM media WHERE id = ?1");
  st.Bind(1, id);
  if (!st.Step()) return std::nullopt;
  return ReadMediaRow(st);
}

MediaPage SqlMediaStore::ListMedia(const std::string& contains, int limit, int offset) {
  auto db = pool_->Borrow();
  // instr(), not LIKE: '%' and '_' typed into the search are plain characters.
  const char* where =
      " WHERE ?1 = '' OR instr(lower(alt || ' ' || caption || ' ' || credit || ' ' || file_name), lower(?1)) > 0";
  MediaPage page;
  {
    auto st = db->Prepare(std::string("SELECT COUNT(*) FROM media") + where);
    st.Bind(1, contains);
    st.Step();
    page.total = st.Int(0);
  }
  auto st = db->Prepare(std::string("SELECT ") + kMediaColumns + " FROM media" + where +
                        " ORDER BY created_at DESC, id LIMIT ?2 OFFSET ?3");
  st.Bind(1, contains).Bind(2, std::int64_t{limit}).Bind(3, std::int64_t{offset});
  while (st.Step()) page.items.push_back(ReadMediaRow(st));
  return page;
}

bool SqlMediaStore::UpdateMedia(const MediaItem& m) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  db->Prepare("UPDATE media SET alt = ?2, caption = ?3, credit = ?4, focal_x = ?5, focal_y = ?6 WHERE id = ?1")
      .Bind(1, m.id).Bind(2, m.alt).Bind(3, m.caption).Bind(4, m.credit).Bind(5, std::to_string(m.focal_x))
      .Bind(6, std::to_string(m.focal_y))
      .Run();
  bool found = db->Changes() > 0;
  tx.Commit();
  written_();
  return found;
}

std::vector<std::string> SqlMediaStore::MediaUses(const std::string& id) {
  auto db = pool_->Borrow();
  auto st = db->Prepare("SELECT 'article:' || slug FROM articles WHERE image_id = ?1 "
                        "UNION SELECT 'article:' || a.slug FROM article_media am JOIN articles a ON "
                        "a.id = am.article_id WHERE am.media_id = ?1 "
                        "UNION ALL SELECT 'author:' || slug FROM authors WHERE photo_id = ?1");
  st.Bind(1, id);
  std::vector<std::string> out;
  while (st.Step()) out.push_back(st.Text(0));
  return out;
}

MediaDeleteOutcome SqlMediaStore::DeleteMedia(const std::string& id) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  {
    auto st = db->Prepare("SELECT EXISTS (SELECT 1 FROM articles WHERE image_id = ?1) OR "
                          "EXISTS (SELECT 1 FROM article_media WHERE media_id = ?1) OR "
                          "EXISTS (SELECT 1 FROM authors WHERE photo_id = ?1)");
    st.Bind(1, id);
    st.Step();
    if (st.Int(0)) return MediaDeleteOutcome::kInUse;
  }
  db->Prepare("DELETE FROM media WHERE id = ?1").Bind(1, id).Run();
  bool found = db->Changes() > 0;
  tx.Commit();
  written_();
  return found ? MediaDeleteOutcome::kDeleted : MediaDeleteOutcome::kNotFound;
}

}  // namespace newsdesk

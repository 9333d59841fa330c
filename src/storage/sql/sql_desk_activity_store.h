#pragma once

#include "storage/desk_activity_store.h"

namespace newsdesk {

class SqlPool;

// DeskActivityStore in SQL, for SQLite and PostgreSQL (migrations/sqlite/0015_desk_activity.sql).
class SqlDeskActivityStore : public DeskActivityStore {
 public:
  explicit SqlDeskActivityStore(SqlPool* pool) : pool_(pool) {}
  void PutAutosave(const std::string& email, const std::string& key, const std::string& fields,
                   UnixSeconds now) override;
  std::optional<Autosave> FindAutosave(const std::string& email, const std::string& key) override;
  void DropAutosave(const std::string& email, const std::string& key) override;
  void NotePresence(const std::string& slug, const std::string& email, const std::string& name,
                    UnixSeconds now) override;
  void EndPresence(const std::string& slug, const std::string& email) override;
  std::map<std::string, std::vector<std::string>> WhoIsEditing(const std::vector<std::string>& slugs,
                                                               const std::string& except_email,
                                                               UnixSeconds now) override;
  bool AddNote(const std::string& slug, const std::string& author, const std::string& text,
               UnixSeconds now) override;
  std::vector<ArticleNote> ListNotes(const std::string& slug) override;

 private:
  SqlPool* pool_;
};

}  // namespace newsdesk

// DeskActivityStore: what editors are doing, shared by every node: autosaved
// work not yet saved, who has which article open, and notes staff leave on
// an article (never shown to readers).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "content/model.h"

namespace newsdesk {

struct Autosave {
  UnixSeconds saved_at = 0;
  std::string fields;  // the editor form as typed: form-encoded, as posted (no CSRF token)
};

struct ArticleNote {
  std::int64_t id = 0;
  std::string author;  // who wrote it
  UnixSeconds created_at = 0;
  std::string text;
};

constexpr size_t kMaxNoteLength = 5000;

// How long a heartbeat counts: an editor whose page stopped sending one for
// this long is no longer shown as editing.
constexpr UnixSeconds kPresenceTimeout = 45;

class DeskActivityStore {
 public:
  virtual ~DeskActivityStore() = default;
  // `key`: the article's slug, or "new" for one not saved yet.
  virtual void PutAutosave(const std::string& email, const std::string& key, const std::string& fields,
                           UnixSeconds now) = 0;
  virtual std::optional<Autosave> FindAutosave(const std::string& email, const std::string& key) = 0;
  virtual void DropAutosave(const std::string& email, const std::string& key) = 0;

  // A heartbeat: `name` (`email`) has the article open.
  virtual void NotePresence(const std::string& slug, const std::string& email, const std::string& name,
                            UnixSeconds now) = 0;
  virtual void EndPresence(const std::string& slug, const std::string& email) = 0;
  // Who else has each of `slugs` open now: slug -> names (not `except_email`).
  virtual std::map<std::string, std::vector<std::string>> WhoIsEditing(const std::vector<std::string>& slugs,
                                                                       const std::string& except_email,
                                                                       UnixSeconds now) = 0;

  // false when there is no article at `slug`.
  virtual bool AddNote(const std::string& slug, const std::string& author, const std::string& text,
                       UnixSeconds now) = 0;
  virtual std::vector<ArticleNote> ListNotes(const std::string& slug) = 0;  // oldest first
};

}  // namespace newsdesk

// The content bundle of CONTRACT.md: parsing and validation of one file, before
// anything touches the database.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "content/model.h"
#include "content/redirect.h"
#include "content/static_page.h"
#include "newsletter/newsletter_store.h"
#include "transfer/import_tally.h"

namespace newsdesk {

// What one bundle file holds. Articles refer to authors, column and tags by slug
// only (NamedRef::name is empty); the store resolves them.
struct Bundle {
  std::optional<Publication> publication;
  std::vector<Author> authors;
  std::vector<Column> columns;
  std::vector<Tag> tags;
  std::vector<Article> articles;
  std::vector<StaticPage> pages;   // About, Privacy...: {"slug", "title", "body"}
  std::vector<Redirect> redirects;  // old paths (from) -> new (to); source "import"
  // Images an import brought as files (their masters already written), stored
  // before the records that use them; not part of the JSON format.
  std::vector<MediaItem> media;
  // What reading a WordPress or Ghost export converted and left out (the
  // import's report); not part of the JSON format.
  ImportTally tally;
  // Records of such an export that cannot be imported (they are left out of
  // the bundle): strict imports refuse the file listing them all,
  // --skip-invalid imports the rest.
  std::vector<Error> problems;
  // Readers an export names (Ghost's members): added only by
  // `import --import-subscribers`, after the bundle is stored.
  std::vector<ImportedSubscriber> subscribers;
  // Articles this bundle makes public are announced to the newsletter's
  // confirmed readers in the same transaction; false (import --no-newsletter)
  // marks them announced without mail, for loading an archive.
  bool announce = true;
  // A save at the desk (API, admin) rather than an import: each article's new
  // state is kept as a revision saved by this name, with this note.
  std::string saved_by;
  std::string revision_note;
};

// Why `path` is not a plain relative path ("" when it is): not empty, no
// leading '/', no '\\', no empty, "." or ".." segment, so it stays inside the
// folder it is taken from.
std::string RelativePathProblem(std::string_view path);

// Checks syntax (JSON, UTF-8), types, required fields, slugs, dates and duplicate
// slugs. Errors name the record and field; a syntax error sets Error::line.
Result<Bundle> ParseBundle(std::string_view json_text);

// The parts of a parsed bundle other than its articles (which are left empty),
// checked as ParseBundle checks them; for reading a bundle as a stream
// (transfer/bundle_stream.h).
Result<Bundle> BundleHeaderFromJson(const nlohmann::json& root);
// Article number `index` (from 0) of a bundle, checked; errors name it.
Result<Article> ArticleRecordFromJson(const nlohmann::json& object, size_t index);
// A JSON syntax error as an Error with its line ("[json.exception...] " removed).
Error SyntaxErrorAt(size_t line, const std::string& message);

// One record in the bundle's format, as the admin API sends and receives it.
// The same checks as ParseBundle; errors name the record and field.
Result<Article> ArticleFromJson(const nlohmann::json& object);
Result<Author> AuthorFromJson(const nlohmann::json& object);
Result<Column> ColumnFromJson(const nlohmann::json& object);
Result<Tag> TagFromJson(const nlohmann::json& object);
Result<StaticPage> PageFromJson(const nlohmann::json& object);
// Dates in UTC ("2016-09-28T14:00:00Z"); references by slug.
nlohmann::json ToJson(const Article& article);
nlohmann::json ToJson(const Author& author);
nlohmann::json ToJson(const Column& column);
nlohmann::json ToJson(const Tag& tag);
nlohmann::json ToJson(const StaticPage& page);

}  // namespace newsdesk

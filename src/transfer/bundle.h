// The content bundle of CONTRACT.md: parsing and validation of one file, before
// anything touches the database.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "content/model.h"

namespace newsdesk {

// What one bundle file holds. Articles refer to authors, column and tags by slug
// only (NamedRef::name is empty); the store resolves them.
struct Bundle {
  std::optional<Publication> publication;
  std::vector<Author> authors;
  std::vector<Column> columns;
  std::vector<Tag> tags;
  std::vector<Article> articles;
};

// Checks syntax (JSON, UTF-8), types, required fields, slugs, dates and duplicate
// slugs. Errors name the record and field; a syntax error sets Error::line.
Result<Bundle> ParseBundle(std::string_view json_text);

}  // namespace newsdesk

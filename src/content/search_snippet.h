// The few words of a search hit's text shown under its headline, with the
// words the search matched marked (kSnippetStart ... kSnippetEnd).
//
// Used on PostgreSQL, where ts_headline cost 6–12 ms a search (it parses and
// looks up every word of the 20 hits' whole texts again); this reads each text
// once, in well under a millisecond for 20 articles. SQLite has FTS5's
// snippet(), which works from the positions the index already holds.
#pragma once

#include <string>
#include <string_view>

namespace newsdesk {

// `fts_query` is what ToFtsQuery() made of the reader's words: quoted phrases,
// each optionally ending in * (its last word a prefix). Words are compared as
// the 'newsdesk' text search configuration compares them: lowercased, accents
// off. The snippet is at most `words` words around the part of `text` that
// matches the most phrases, with "…" where text was cut off; the start of the
// text when nothing matches.
std::string SearchSnippet(std::string_view text, std::string_view fts_query, size_t words = 24);

}  // namespace newsdesk

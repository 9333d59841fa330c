// Ranking search hits without reading every match of a common word.
//
// FTS5's bm25() needs, for each phrase, how many documents of the whole index
// contain it, and finds out by reading the phrase's whole document list: for
// a word in most articles, or a phrase of two such words (whose positions must
// then be compared in every article), that cost grows with the archive and
// was 10-60 ms at 100,000 articles. Search ranks only the newest
// kMaxRankedHits matches anyway, so BM25 here takes its document frequencies
// from those matches: the auxiliary function newsdesk_hits() reports a row's
// hits per phrase and column and its length, and RankHits() scores the rows.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

struct sqlite3;

namespace newsdesk {

// Registers newsdesk_hits(<fts5 table>) on the connection: for the current row,
// "rows,tokens|length|h0c0,h0c1,...|h1c0,..." (rows and tokens of the whole
// index, this row's tokens, then hits of each phrase in each column).
void RegisterSearchRank(sqlite3* db);

// BM25 scores (lower is better, as FTS5's) of rows described by
// newsdesk_hits(), with column weights; document frequencies are counted
// among these rows.
std::vector<double> RankHits(const std::vector<std::string>& hits, const std::vector<double>& weights);

}  // namespace newsdesk

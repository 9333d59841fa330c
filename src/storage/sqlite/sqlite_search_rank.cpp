#include "storage/sqlite/sqlite_search_rank.h"

#include <sqlite3.h>

#include <charconv>
#include <cmath>
#include <string>

#include "storage/store.h"

namespace newsdesk {
namespace {

// newsdesk_hits(): see the header. Written against FTS5's documented
// extension API (xInstCount/xInst, xColumnSize, xColumnTotalSize, xRowCount).
void HitsFunction(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int, sqlite3_value**) {
  int columns = api->xColumnCount(fts);
  int phrases = api->xPhraseCount(fts);
  // An error (SQLITE_INTERRUPT when a search runs past its budget) is passed
  // on as it is, so the statement fails with it.
  auto failed = [ctx](int rc) {
    sqlite3_result_error_code(ctx, rc);
    return true;
  };
  sqlite3_int64 rows = 0, tokens = 0;
  int length = 0, instances = 0;
  if (int rc = api->xRowCount(fts, &rows); rc != SQLITE_OK && failed(rc)) return;
  if (int rc = api->xColumnTotalSize(fts, -1, &tokens); rc != SQLITE_OK && failed(rc)) return;
  if (int rc = api->xColumnSize(fts, -1, &length); rc != SQLITE_OK && failed(rc)) return;
  if (int rc = api->xInstCount(fts, &instances); rc != SQLITE_OK && failed(rc)) return;
  std::vector<int> counts(static_cast<size_t>(phrases * columns), 0);
  for (int i = 0; i < instances; ++i) {
    int phrase = 0, column = 0, offset = 0;
    if (int rc = api->xInst(fts, i, &phrase, &column, &offset); rc != SQLITE_OK && failed(rc)) return;
    if (phrase >= 0 && phrase < phrases && column >= 0 && column < columns) ++counts[phrase * columns + column];
  }
  std::string out = std::to_string(rows) + "," + std::to_string(tokens) + "|" + std::to_string(length);
  for (int p = 0; p < phrases; ++p) {
    out += '|';
    for (int c = 0; c < columns; ++c) {
      if (c) out += ',';
      out += std::to_string(counts[p * columns + c]);
    }
  }
  sqlite3_result_text(ctx, out.data(), static_cast<int>(out.size()), SQLITE_TRANSIENT);
}

fts5_api* Fts5Api(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, nullptr) == SQLITE_OK) {
    sqlite3_bind_pointer(st, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(st);
  }
  sqlite3_finalize(st);
  return api;
}

std::vector<double> Numbers(std::string_view text, char separator) {
  std::vector<double> out;
  while (!text.empty()) {
    size_t end = text.find(separator);
    std::string_view part = text.substr(0, end);
    double value = 0;
    std::from_chars(part.data(), part.data() + part.size(), value);
    out.push_back(value);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return out;
}

}  // namespace

void RegisterSearchRank(sqlite3* db) {
  fts5_api* api = Fts5Api(db);
  if (!api || api->xCreateFunction(api, "newsdesk_hits", nullptr, HitsFunction, nullptr) != SQLITE_OK) {
    throw StorageError("sqlite: cannot register newsdesk_hits (is FTS5 built in?)");
  }
}

std::vector<double> RankHits(const std::vector<std::string>& hits, const std::vector<double>& weights) {
  // FTS5's bm25 (k1 = 1.2, b = 0.75): per phrase, the weighted sum of its hits
  // in each column is the term frequency.
  constexpr double k1 = 1.2, b = 0.75;
  struct Row {
    double length = 0;
    std::vector<double> frequency;  // per phrase
  };
  std::vector<Row> rows;
  double index_rows = 1, index_tokens = 1;
  size_t phrases = 0;
  for (const auto& text : hits) {
    std::vector<std::string_view> parts;
    std::string_view rest = text;
    while (true) {
      size_t bar = rest.find('|');
      parts.push_back(rest.substr(0, bar));
      if (bar == std::string_view::npos) break;
      rest.remove_prefix(bar + 1);
    }
    Row row;
    if (parts.size() >= 2) {
      auto totals = Numbers(parts[0], ',');
      if (totals.size() == 2) {
        index_rows = std::max(1.0, totals[0]);
        index_tokens = std::max(1.0, totals[1]);
      }
      row.length = Numbers(parts[1], ',').at(0);
      for (size_t p = 2; p < parts.size(); ++p) {
        auto counts = Numbers(parts[p], ',');
        double f = 0;
        for (size_t c = 0; c < counts.size(); ++c) f += counts[c] * (c < weights.size() ? weights[c] : 1.0);
        row.frequency.push_back(f);
      }
    }
    phrases = std::max(phrases, row.frequency.size());
    rows.push_back(std::move(row));
  }
  double average = index_tokens / index_rows;
  // How many of these rows have each phrase, as if they were the collection.
  std::vector<double> idf(phrases, 0);
  double n = static_cast<double>(rows.size());
  for (size_t p = 0; p < phrases; ++p) {
    double with = 0;
    for (const auto& r : rows) with += p < r.frequency.size() && r.frequency[p] > 0 ? 1 : 0;
    // Never below a small positive value, as FTS5 does, so a hit always counts.
    idf[p] = std::max(1e-6, std::log((n - with + 0.5) / (with + 0.5) + 1.0));
  }
  std::vector<double> scores;
  scores.reserve(rows.size());
  for (const auto& r : rows) {
    double score = 0;
    for (size_t p = 0; p < r.frequency.size(); ++p) {
      double f = r.frequency[p];
      score += idf[p] * (f * (k1 + 1)) / (f + k1 * (1 - b + b * r.length / average));
    }
    scores.push_back(-score);
  }
  return scores;
}

}  // namespace newsdesk

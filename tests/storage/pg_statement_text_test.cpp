#include <gtest/gtest.h>

#include "storage/postgres/pg_connection.h"
#include "storage/postgres/pg_search_index.h"
#include "storage/store.h"

namespace newsdesk {
namespace {

TEST(PgStatementText, NumbersOnlyTheParametersUsed) {
  PgStatementText t = ToPostgresParameters("SELECT a FROM x WHERE b = ?5 AND c = ?2 OR d = ?5 LIMIT ?10");
  EXPECT_EQ(t.sql, "SELECT a FROM x WHERE b = $2 AND c = $1 OR d = $2 LIMIT $3");
  EXPECT_EQ(t.slots, 3);
  ASSERT_EQ(t.slot_of.size(), 11u);
  EXPECT_EQ(t.slot_of[1], 0);
  EXPECT_EQ(t.slot_of[2], 1);
  EXPECT_EQ(t.slot_of[5], 2);
  EXPECT_EQ(t.slot_of[10], 3);
  // Where each placeholder stands, for writing values in as literals.
  ASSERT_EQ(t.uses.size(), 4u);
  std::vector<int> slots;
  for (const auto& use : t.uses) {
    EXPECT_EQ(t.sql.substr(use.at, use.length), "$" + std::to_string(use.slot));
    slots.push_back(use.slot);
  }
  EXPECT_EQ(slots, (std::vector<int>{2, 1, 2, 3}));
}

TEST(PgStatementText, LeavesQuotesAndCommentsAlone) {
  PgStatementText t = ToPostgresParameters("SELECT '?1', \"?2\" -- ?3\n, ?4");
  EXPECT_EQ(t.sql, "SELECT '?1', \"?2\" -- ?3\n, $1");
  EXPECT_EQ(t.slots, 1);
}

TEST(PgStatementText, TextIsMadeValidUtf8) {
  EXPECT_EQ(ValidPostgresText("caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x93\xB0"), "caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x93\xB0");
  EXPECT_EQ(ValidPostgresText(std::string("/a\xFF\0b", 5)), "/a\xEF\xBF\xBD" "b");
  EXPECT_EQ(ValidPostgresText("\xC3"), "\xEF\xBF\xBD");          // cut short
  EXPECT_EQ(ValidPostgresText("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong '/'
  EXPECT_EQ(ValidPostgresText("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
}

TEST(PgTsQuery, WordsPhrasesAndPrefixes) {
  EXPECT_EQ(ToTsQuery("\"policy\""), "('policy')");
  EXPECT_EQ(ToTsQuery("\"cease fire\" \"iran\""), "('cease' <-> 'fire') & ('iran')");
  EXPECT_EQ(ToTsQuery("\"nego\"*"), "('nego':*)");
  EXPECT_EQ(ToTsQuery(""), "");
}

TEST(PgTsQuery, QuotesCannotEscapeALexeme) {
  // content/search_query.h never lets these through; the translation is safe anyway.
  EXPECT_EQ(ToTsQuery("\"o'neil\""), "('o''neil')");
  EXPECT_EQ(ToTsQuery("\"a\\b\""), "('a\\\\b')");
}

TEST(DisplayDatabaseUrl, HidesThePassword) {
  EXPECT_EQ(DisplayDatabaseUrl("postgresql://app:s3cret@db:5432/site"), "postgresql://app:***@db:5432/site");
  EXPECT_EQ(DisplayDatabaseUrl("postgresql://app@db:5432/site"), "postgresql://app@db:5432/site");
  EXPECT_EQ(DisplayDatabaseUrl("site.db"), "site.db");
}

}  // namespace
}  // namespace newsdesk

#include "storage/sqlite/sqlite_search_rank.h"

#include <gtest/gtest.h>

namespace newsdesk {
namespace {

TEST(RankHits, WeightsColumnsAndCountsDocumentFrequencyAmongTheRows) {
  // Index of 100 rows, 10,000 tokens; each row: its length, then per phrase its hits in title, summary, body.
  std::vector<std::string> rows = {
      "100,10000|100|0,0,1",  // the word once, in the body
      "100,10000|100|1,0,0",  // once, in the title
      "100,10000|100|0,0,3",  // three times in the body
      "100,10000|400|0,0,3",  // three times in a body four times as long
  };
  auto s = RankHits(rows, {10.0, 4.0, 1.0});
  ASSERT_EQ(s.size(), 4u);
  EXPECT_LT(s[1], s[0]);  // lower is better: the title outranks the body
  EXPECT_LT(s[2], s[0]);  // more hits outrank fewer
  EXPECT_LT(s[2], s[3]);  // in a shorter text
  // Two phrases: the one fewer rows have counts for more.
  auto t = RankHits({"10,1000|100|1,0,0|0,0,0", "10,1000|100|0,0,0|1,0,0", "10,1000|100|1,0,0|0,0,0"}, {10, 4, 1});
  EXPECT_LT(t[1], t[0]);
  EXPECT_LT(t[0], 0.0);
}

}  // namespace
}  // namespace newsdesk

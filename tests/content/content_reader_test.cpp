// ContentReader's listing pages: a later page starts from where an earlier one
// ended (an index seek) when it knows that, in whatever order pages are asked
// for, and forgets those places when content changes.
#include "content/content_reader.h"

#include <gtest/gtest.h>

#include "content/dates.h"
#include "storage/sqlite/sqlite_store.h"
#include "support/migrated_store.h"
#include "support/temp_dir.h"
#include "transfer/bundle.h"

namespace newsdesk {
namespace {

class FixedClock : public Clock {
 public:
  UnixSeconds Now() const override { return *ParseRfc3339("2026-01-01T00:00:00Z"); }
};

Article MakeArticle(int i, const char* when) {
  Article a;
  a.slug = "a" + std::to_string(i);
  a.title = "Title " + a.slug;
  a.body = "Body";
  a.status = ArticleStatus::kPublished;
  a.published_at = *ParseRfc3339(when);
  a.column.slug = "col";
  a.authors.push_back({"writer", {}});
  return a;
}

class ContentReaderListingTest : public testing::MigratedStoreTest {
 protected:
  void SetUp() override {
    MigratedStoreTest::SetUp();
    if (HasFatalFailure()) return;
    bundle_.publication = Publication{"P", "http://x", "en", "UTC", "c", "p", "n"};
    bundle_.authors = {{"writer", "Writer", ""}};
    bundle_.columns = {{"col", "Col", "Col", ""}};
    // 95 articles, five to a moment: pages of 20 end inside a moment.
    for (int i = 0; i < 95; ++i) {
      char when[32];
      std::snprintf(when, sizeof when, "2016-02-%02dT08:00:00Z", 1 + i / 5);
      bundle_.articles.push_back(MakeArticle(i, when));
    }
    ASSERT_TRUE(store_->ApplyBundle(bundle_, 0).ok());
  }

  // Page `page` as OFFSET gives it, straight from the store.
  std::vector<std::string> ByOffset(int page) {
    ListingQuery q;
    q.now = clock_.Now();
    q.offset = (page - 1) * kArticlesPerPage;
    std::vector<std::string> out;
    for (const auto& a : store_->ListPublicArticles(q).items) out.push_back(a.slug);
    return out;
  }

  std::vector<std::string> Listed(const ContentReader& reader, int page) {
    auto listing = reader.List({}, page);
    std::vector<std::string> out;
    if (listing) {
      for (const auto& a : listing->items) out.push_back(a.slug);
    }
    return out;
  }

  FixedClock clock_;
  Bundle bundle_;
};

TEST_F(ContentReaderListingTest, PagesAreTheSameInAnyOrderAndAfterAChange) {
  ContentReader reader(*store_, clock_);
  for (int page : {3, 1, 2, 3, 5, 4, 5, 2}) EXPECT_EQ(Listed(reader, page), ByOffset(page)) << page;
  EXPECT_FALSE(reader.List({}, 6));

  // A new newest article moves every page by one: the places remembered for
  // the old content are not used.
  bundle_.articles = {MakeArticle(500, "2017-01-01T00:00:00Z")};
  ASSERT_TRUE(store_->ApplyBundle(bundle_, 0).ok());
  for (int page : {4, 5, 1, 2, 3, 4}) EXPECT_EQ(Listed(reader, page), ByOffset(page)) << page;
  EXPECT_EQ(Listed(reader, 1).front(), "a500");
  EXPECT_EQ(Listed(reader, 5).size(), 16u);
}

}  // namespace
}  // namespace newsdesk

#include "storage/sqlite/sqlite_store.h"

#include <gtest/gtest.h>

#include "content/dates.h"
#include "support/migrated_store.h"
#include "support/temp_dir.h"
#include "transfer/bundle.h"

namespace newsdesk {
namespace {

UnixSeconds T(const char* s) { return *ParseRfc3339(s); }

Article MakeArticle(std::string slug, const char* when, ArticleStatus status = ArticleStatus::kPublished,
                    std::vector<std::string> authors = {"laura-rozen"}, std::string column = "back-channel") {
  Article a;
  a.slug = std::move(slug);
  a.title = "Title of " + a.slug;
  a.summary = "Summary of " + a.slug;
  a.body = "Body of " + a.slug;
  a.status = status;
  a.published_at = T(when);
  a.column.slug = std::move(column);
  for (auto& s : authors) a.authors.push_back({s, {}});
  a.tags.push_back({"syria", {}});
  return a;
}

Bundle BaseBundle() {
  Bundle b;
  b.publication = Publication{"Al-Monitor", "http://x", "en", "America/New_York", "c", "p", "n"};
  b.authors = {{"laura-rozen", "Laura Rozen", ""}, {"ben-caspit", "Ben Caspit", ""}, {"third", "Third Person", ""}};
  b.columns = {{"back-channel", "Back Channel", "The Back Channel", ""}, {"other", "Other", "Other", ""}};
  return b;
}

class SqliteStoreTest : public testing::MigratedStoreTest {
 protected:
  ListingPage List(ListingFilter::Kind kind, const std::string& slug, UnixSeconds now, int limit = 20,
                   int offset = 0) {
    ListingQuery q;
    q.filter = {kind, slug};
    q.now = now;
    q.limit = limit;
    q.offset = offset;
    return store_->ListPublicArticles(q);
  }
};

TEST_F(SqliteStoreTest, MigrateIsIdempotent) {
  EXPECT_TRUE(store_->Migrate().ok());
  EXPECT_TRUE(store_->Migrate().ok());
}

TEST_F(SqliteStoreTest, ListsNewestFirstWithAuthorsAndColumn) {
  Bundle b = BaseBundle();
  b.articles.push_back(MakeArticle("older", "2016-08-24T10:00:00-04:00"));
  b.articles.push_back(MakeArticle("newer", "2016-09-28T10:00:00-04:00", ArticleStatus::kPublished,
                                   {"ben-caspit", "laura-rozen", "third"}));
  ASSERT_TRUE(store_->ApplyBundle(b, 0).ok());

  auto page = List(ListingFilter::Kind::kColumn, "back-channel", T("2020-01-01T00:00:00Z"));
  ASSERT_EQ(page.total, 2);
  ASSERT_EQ(page.items.size(), 2u);
  EXPECT_EQ(page.items[0].slug, "newer");
  EXPECT_EQ(page.items[1].slug, "older");
  ASSERT_EQ(page.items[0].authors.size(), 3u);
  EXPECT_EQ(page.items[0].authors[0].name, "Ben Caspit");  // byline order kept
  EXPECT_EQ(page.items[0].authors[2].name, "Third Person");
  EXPECT_EQ(page.items[0].column.name, "Back Channel");
  EXPECT_TRUE(page.items[0].body.empty());  // listings do not load bodies
}

TEST_F(SqliteStoreTest, DraftsAndFutureArticlesAreHidden) {
  Bundle b = BaseBundle();
  b.articles.push_back(MakeArticle("public", "2016-09-01T00:00:00Z"));
  b.articles.push_back(MakeArticle("draft", "2016-09-02T00:00:00Z", ArticleStatus::kDraft));
  b.articles.push_back(MakeArticle("scheduled", "2030-01-01T00:00:00Z", ArticleStatus::kScheduled));
  b.articles.push_back(MakeArticle("future-published", "2031-01-01T00:00:00Z"));
  ASSERT_TRUE(store_->ApplyBundle(b, 0).ok());

  UnixSeconds now = T("2026-01-01T00:00:00Z");
  auto page = List(ListingFilter::Kind::kAll, "", now);
  ASSERT_EQ(page.total, 1);
  EXPECT_EQ(page.items[0].slug, "public");
  EXPECT_FALSE(store_->FindPublicArticle("draft", now));
  EXPECT_FALSE(store_->FindPublicArticle("scheduled", now));
  EXPECT_EQ(store_->NextScheduledAfter(now), T("2030-01-01T00:00:00Z"));

  // Time passes: the scheduled article turns public by itself; the draft never does.
  UnixSeconds later = T("2030-06-01T00:00:00Z");
  EXPECT_TRUE(store_->FindPublicArticle("scheduled", later));
  EXPECT_FALSE(store_->FindPublicArticle("draft", T("2099-01-01T00:00:00Z")));
  EXPECT_EQ(List(ListingFilter::Kind::kAll, "", later).total, 2);
}

TEST_F(SqliteStoreTest, FiltersByAuthorAndTagAndPages) {
  Bundle b = BaseBundle();
  for (int i = 0; i < 25; ++i) {
    char when[32];
    std::snprintf(when, sizeof when, "2016-01-%02dT12:00:00Z", i + 1);
    auto a = MakeArticle("a" + std::to_string(i), when, ArticleStatus::kPublished,
                         {i % 2 ? "ben-caspit" : "laura-rozen"}, i < 5 ? "other" : "back-channel");
    if (i == 3) a.tags.push_back({"united-states", {}});
    b.articles.push_back(a);
  }
  ASSERT_TRUE(store_->ApplyBundle(b, 0).ok());
  UnixSeconds now = T("2026-01-01T00:00:00Z");
  EXPECT_EQ(List(ListingFilter::Kind::kAuthor, "ben-caspit", now).total, 12);
  EXPECT_EQ(List(ListingFilter::Kind::kColumn, "other", now).total, 5);
  EXPECT_EQ(List(ListingFilter::Kind::kTag, "united-states", now).total, 1);
  EXPECT_EQ(List(ListingFilter::Kind::kTag, "nonexistent", now).total, 0);
  auto second = List(ListingFilter::Kind::kAll, "", now, 20, 20);
  EXPECT_EQ(second.total, 25);
  ASSERT_EQ(second.items.size(), 5u);
  EXPECT_EQ(second.items.back().slug, "a0");
  auto tag = store_->FindTag("united-states");
  ASSERT_TRUE(tag);
  EXPECT_EQ(tag->name, "united states");
}

TEST_F(SqliteStoreTest, APageAfterAKeyIsThePageAtItsOffset) {
  // Many articles share a moment (ties broken by id), drafts in between: a
  // listing walked page by page from each page's last key, with and without a
  // further offset, gives the pages OFFSET gives, for every kind of listing.
  Bundle b = BaseBundle();
  for (int i = 0; i < 47; ++i) {
    char when[32];
    std::snprintf(when, sizeof when, "2016-01-%02dT12:00:00Z", 1 + i / 6);
    b.articles.push_back(MakeArticle("k" + std::to_string(i), when,
                                     i % 7 == 3 ? ArticleStatus::kDraft : ArticleStatus::kPublished,
                                     {i % 2 ? "ben-caspit" : "laura-rozen"}, i % 3 ? "back-channel" : "other"));
  }
  ASSERT_TRUE(store_->ApplyBundle(b, 0).ok());
  UnixSeconds now = T("2026-01-01T00:00:00Z");
  auto slugs = [](const ListingPage& page) {
    std::vector<std::string> out;
    for (const auto& a : page.items) out.push_back(a.slug);
    return out;
  };
  for (const ListingFilter& filter : {ListingFilter{}, ListingFilter{ListingFilter::Kind::kColumn, "back-channel"},
                                      ListingFilter{ListingFilter::Kind::kAuthor, "ben-caspit"},
                                      ListingFilter{ListingFilter::Kind::kTag, "syria"}}) {
    std::int64_t total = List(filter.kind, filter.slug, now).total;
    ASSERT_GT(total, 10);
    std::optional<ListingKey> after;
    for (int offset = 0; offset < total; offset += 4) {
      ListingQuery q;
      q.filter = filter;
      q.now = now;
      q.limit = 4;
      q.after = after;
      ListingPage by_key = store_->ListPublicArticles(q);
      EXPECT_EQ(by_key.total, total);
      EXPECT_EQ(slugs(by_key), slugs(List(filter.kind, filter.slug, now, 4, offset))) << offset;
      // The page after next, from this page's key.
      q.after = by_key.last;
      q.offset = 4;
      EXPECT_EQ(slugs(store_->ListPublicArticles(q)), slugs(List(filter.kind, filter.slug, now, 4, offset + 8)));
      ASSERT_TRUE(by_key.last);
      after = by_key.last;
    }
    ListingQuery past;
    past.filter = filter;
    past.now = now;
    past.after = after;
    EXPECT_TRUE(store_->ListPublicArticles(past).items.empty());
  }
}

TEST_F(SqliteStoreTest, PublicArticlesComeInSlugOrderBatchesWhole) {
  Bundle b = BaseBundle();
  for (int i = 0; i < 12; ++i) {
    b.articles.push_back(MakeArticle("b" + std::to_string(i), "2016-01-01T12:00:00Z",
                                     i == 4 ? ArticleStatus::kDraft : ArticleStatus::kPublished));
  }
  b.articles.push_back(MakeArticle("later", "2030-01-01T00:00:00Z", ArticleStatus::kScheduled));
  ASSERT_TRUE(store_->ApplyBundle(b, 0).ok());
  UnixSeconds now = T("2026-01-01T00:00:00Z");
  std::vector<std::string> seen;
  std::string after;
  for (;;) {
    auto batch = store_->PublicArticlesAfter(after, 5, now);
    for (const auto& a : batch) {
      auto one = store_->FindPublicArticle(a.slug, now);
      ASSERT_TRUE(one);
      EXPECT_EQ(a.body, one->body);
      EXPECT_EQ(a.authors.size(), one->authors.size());
      ASSERT_EQ(a.tags.size(), 1u);
      EXPECT_EQ(a.tags[0].slug, "syria");
      seen.push_back(a.slug);
    }
    if (batch.size() < 5) break;
    after = batch.back().slug;
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"b0", "b1", "b10", "b11", "b2", "b3", "b5", "b6", "b7", "b8", "b9"}));
  EXPECT_EQ(store_->PublicArticlesAfter("", 50, T("2031-01-01T00:00:00Z")).size(), 12u);
}

TEST_F(SqliteStoreTest, AuthorAndTagListingsFollowEveryChange) {
  // Author and tag listings read the link tables, which carry published_at and
  // status: an unpublish, a new date, a new byline must all show there at once.
  Bundle b = BaseBundle();
  b.articles.push_back(MakeArticle("x", "2016-01-01T12:00:00Z"));
  b.articles.push_back(MakeArticle("y", "2016-01-02T12:00:00Z"));
  ASSERT_TRUE(store_->ApplyBundle(b, 0).ok());
  UnixSeconds now = T("2026-01-01T00:00:00Z");
  auto slugs = [&](ListingFilter::Kind kind, const std::string& slug) {
    std::vector<std::string> out;
    for (const auto& a : List(kind, slug, now).items) out.push_back(a.slug);
    return out;
  };
  EXPECT_EQ(slugs(ListingFilter::Kind::kAuthor, "laura-rozen"), (std::vector<std::string>{"y", "x"}));
  Bundle edit;
  auto x = MakeArticle("x", "2016-01-03T12:00:00Z");  // now newer than y
  edit.articles.push_back(x);
  ASSERT_TRUE(store_->ApplyBundle(edit, 0).ok());
  EXPECT_EQ(slugs(ListingFilter::Kind::kAuthor, "laura-rozen"), (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(slugs(ListingFilter::Kind::kTag, "syria"), (std::vector<std::string>{"x", "y"}));
  edit.articles[0].status = ArticleStatus::kDraft;  // unpublished
  ASSERT_TRUE(store_->ApplyBundle(edit, 0).ok());
  EXPECT_EQ(slugs(ListingFilter::Kind::kAuthor, "laura-rozen"), (std::vector<std::string>{"y"}));
  EXPECT_EQ(slugs(ListingFilter::Kind::kTag, "syria"), (std::vector<std::string>{"y"}));
  EXPECT_EQ(List(ListingFilter::Kind::kTag, "syria", now).total, 1);
  edit.articles[0].status = ArticleStatus::kPublished;
  edit.articles[0].authors = {{"ben-caspit", {}}};
  ASSERT_TRUE(store_->ApplyBundle(edit, 0).ok());
  EXPECT_EQ(slugs(ListingFilter::Kind::kAuthor, "laura-rozen"), (std::vector<std::string>{"y"}));
  EXPECT_EQ(slugs(ListingFilter::Kind::kAuthor, "ben-caspit"), (std::vector<std::string>{"x"}));
  // Scheduled in the future: not yet in the listing.
  edit.articles[0].status = ArticleStatus::kScheduled;
  edit.articles[0].published_at = T("2030-01-01T00:00:00Z");
  ASSERT_TRUE(store_->ApplyBundle(edit, 0).ok());
  EXPECT_TRUE(slugs(ListingFilter::Kind::kAuthor, "ben-caspit").empty());
  EXPECT_EQ(List(ListingFilter::Kind::kAuthor, "ben-caspit", T("2031-01-01T00:00:00Z")).items.size(), 1u);
}

TEST_F(SqliteStoreTest, SearchRanksAtMostTheNewestThousandMatches) {
  Bundle b = BaseBundle();
  for (int i = 0; i < kMaxRankedHits + 50; ++i) {
    auto a = MakeArticle("s" + std::to_string(i), "2016-01-01T12:00:00Z");
    a.body = "a common word in every article";
    b.articles.push_back(a);
  }
  ASSERT_TRUE(store_->ApplyBundle(b, 0).ok());
  SearchQuery q;
  q.fts_query = "\"common\"";
  q.now = T("2026-01-01T00:00:00Z");
  auto page = store_->search().Search(q);
  EXPECT_EQ(page.total, kMaxRankedHits);
  EXPECT_TRUE(page.more);
  EXPECT_EQ(page.hits.size(), 20u);
  q.fts_query = "\"s7\"";  // a rare word: all its matches
  page = store_->search().Search(q);
  EXPECT_FALSE(page.more);
  EXPECT_EQ(page.total, 1);
}

TEST_F(SqliteStoreTest, UnknownReferencesStoreNothing) {
  Bundle b = BaseBundle();
  b.articles.push_back(MakeArticle("kept", "2016-09-01T00:00:00Z"));
  ASSERT_TRUE(store_->ApplyBundle(b, 0).ok());

  Bundle bad;
  auto changed = MakeArticle("kept", "2016-09-01T00:00:00Z");
  changed.title = "Changed";
  bad.articles.push_back(changed);
  bad.articles.push_back(MakeArticle("new-one", "2016-09-02T00:00:00Z", ArticleStatus::kPublished,
                                     {"nobody"}));
  Status st = store_->ApplyBundle(bad, 0);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().ToString(), "article new-one: authors: unknown author 'nobody'");

  Bundle bad_column;
  bad_column.articles.push_back(MakeArticle("x", "2016-09-02T00:00:00Z", ArticleStatus::kPublished,
                                            {"laura-rozen"}, "no-such-column"));
  st = store_->ApplyBundle(bad_column, 0);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().ToString(), "article x: column: unknown column 'no-such-column'");

  UnixSeconds now = T("2026-01-01T00:00:00Z");
  EXPECT_EQ(store_->FindPublicArticle("kept", now)->title, "Title of kept");
  EXPECT_FALSE(store_->FindPublicArticle("new-one", now));
  EXPECT_EQ(List(ListingFilter::Kind::kAll, "", now).total, 1);
}

TEST_F(SqliteStoreTest, ReimportUpdatesInPlace) {
  Bundle b = BaseBundle();
  b.articles.push_back(MakeArticle("one", "2016-09-01T00:00:00Z"));
  ASSERT_TRUE(store_->ApplyBundle(b, T("2026-01-01T00:00:00Z")).ok());
  ASSERT_TRUE(store_->ApplyBundle(b, T("2026-01-02T00:00:00Z")).ok());
  UnixSeconds now = T("2026-06-01T00:00:00Z");
  // New: last changed when published. Re-imported unchanged: still so.
  EXPECT_EQ(store_->FindPublicArticle("one", now)->updated_at, T("2016-09-01T00:00:00Z"));
  b.articles[0].title = "New title";
  b.articles[0].authors = {{"ben-caspit", {}}};
  ASSERT_TRUE(store_->ApplyBundle(b, T("2026-03-01T00:00:00Z")).ok());
  auto a = store_->FindPublicArticle("one", now);
  EXPECT_EQ(a->title, "New title");
  EXPECT_EQ(a->updated_at, T("2026-03-01T00:00:00Z"));
  ASSERT_EQ(a->authors.size(), 1u);
  EXPECT_EQ(a->authors[0].slug, "ben-caspit");
  ASSERT_EQ(a->tags.size(), 1u);
  EXPECT_EQ(List(ListingFilter::Kind::kAll, "", now).total, 1);
}

std::vector<std::string> SearchSlugs(Store& store, const std::string& fts) {
  SearchQuery q;
  q.fts_query = fts;
  q.now = T("2026-01-01T00:00:00Z");
  std::vector<std::string> out;
  for (const auto& h : store.search().Search(q).hits) out.push_back(h.article.slug);
  return out;
}

TEST_F(SqliteStoreTest, SearchRanksTitleAboveBodyAndStaysCurrent) {
  Bundle b = BaseBundle();
  auto in_body = MakeArticle("in-body", "2016-09-02T00:00:00Z");
  in_body.body = "A long body that mentions Lavrov once among many other words about diplomacy.";
  auto in_title = MakeArticle("in-title", "2016-09-01T00:00:00Z");
  in_title.title = "Lavrov meets Kerry";
  auto hidden = MakeArticle("hidden", "2016-09-01T00:00:00Z", ArticleStatus::kDraft);
  hidden.title = "Lavrov draft";
  b.articles = {in_body, in_title, hidden};
  ASSERT_TRUE(store_->ApplyBundle(b, 0).ok());
  EXPECT_EQ(SearchSlugs(*store_, "\"lavrov\""), (std::vector<std::string>{"in-title", "in-body"}));
  EXPECT_EQ(SearchSlugs(*store_, "\"lav\"*"), (std::vector<std::string>{"in-title", "in-body"}));
  EXPECT_EQ(SearchSlugs(*store_, "\"meets kerry\""), (std::vector<std::string>{"in-title"}));

  SearchQuery q;
  q.fts_query = "\"kerry\"";
  q.now = T("2026-01-01T00:00:00Z");
  auto page = store_->search().Search(q);
  ASSERT_EQ(page.total, 1);
  EXPECT_EQ(page.hits[0].snippet, std::string("Lavrov meets ") + kSnippetStart + "Kerry" + kSnippetEnd);

  // Edit: the old title no longer matches, the new one does.
  Bundle edit;
  in_title.title = "Putin meets Obama";
  edit.articles = {in_title};
  ASSERT_TRUE(store_->ApplyBundle(edit, 0).ok());
  EXPECT_EQ(SearchSlugs(*store_, "\"kerry\""), std::vector<std::string>{});
  EXPECT_EQ(SearchSlugs(*store_, "\"putin\""), std::vector<std::string>{"in-title"});
  // Delete: gone from the index too.
  EXPECT_TRUE(store_->DeleteArticle("in-body"));
  EXPECT_FALSE(store_->DeleteArticle("in-body"));
  EXPECT_EQ(SearchSlugs(*store_, "\"lavrov\""), std::vector<std::string>{});
}

TEST_F(SqliteStoreTest, SitemapListsPublicPagesOnly) {
  Bundle b = BaseBundle();
  b.articles = {MakeArticle("public", "2016-09-01T00:00:00Z"),
                MakeArticle("draft", "2016-09-02T00:00:00Z", ArticleStatus::kDraft, {"ben-caspit"}, "other")};
  ASSERT_TRUE(store_->ApplyBundle(b, 0).ok());
  std::vector<std::string> seen;
  for (const auto& e : store_->ListSitemap(T("2026-01-01T00:00:00Z"))) {
    seen.push_back(std::to_string(static_cast<int>(e.kind)) + ":" + e.slug);
    EXPECT_EQ(e.lastmod, T("2016-09-01T00:00:00Z"));
  }
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(seen, (std::vector<std::string>{"0:public", "1:back-channel", "2:laura-rozen", "3:syria"}));
}

TEST_F(SqliteStoreTest, FirstBundleNeedsAPublication) {
  Bundle b = BaseBundle();
  b.publication.reset();
  Status st = store_->ApplyBundle(b, 0);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().ToString(), "publication: is required in the first bundle imported");
  EXPECT_FALSE(store_->FindAuthor("laura-rozen"));
}

TEST_F(SqliteStoreTest, RateLimitWindowsCountPerKeyAndStartAgainWhenOver) {
  RateLimitStore& limits = store_->rate_limits();
  EXPECT_EQ(limits.Peek("b", "k", 60, 1000).start, 0);
  EXPECT_EQ(limits.Hit("b", "k", 60, 1000).hits, 1);
  EXPECT_EQ(limits.Hit("b", "k", 60, 1030).hits, 2);
  EXPECT_EQ(limits.Hit("b", "other", 60, 1030).hits, 1);  // another key
  EXPECT_EQ(limits.Hit("c", "k", 60, 1030).hits, 1);      // another bucket
  RateWindow w = limits.Peek("b", "k", 60, 1059);
  EXPECT_EQ(w.start, 1000);
  EXPECT_EQ(w.hits, 2);
  EXPECT_EQ(limits.Peek("b", "k", 60, 1060).start, 0);  // the window has passed
  w = limits.Hit("b", "k", 60, 1060);
  EXPECT_EQ(w.start, 1060);
  EXPECT_EQ(w.hits, 1);
  limits.Forget("b", "k");
  EXPECT_EQ(limits.Peek("b", "k", 60, 1061).start, 0);
  EXPECT_EQ(limits.Peek("b", "other", 60, 1061).hits, 1);
}

}  // namespace
}  // namespace newsdesk

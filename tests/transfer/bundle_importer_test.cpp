#include "transfer/bundle_importer.h"
#include "storage/page_store.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "storage/store.h"
#include "support/temp_dir.h"

namespace newsdesk {
namespace {

class ImportFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = Store::Open(dir_.File("t.db"));
    ASSERT_TRUE(s.ok());
    store_ = std::move(s).value();
    ASSERT_TRUE(store_->Migrate().ok());
  }
  std::string Import(const std::string& name, const std::string& text) {
    std::string path = dir_.Write(name, text);
    Status st = ImportFile(*store_, path, 0);
    return st.ok() ? "ok" : FormatImportError(name, st.error());
  }
  testing::TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(ImportFileTest, TheSeedBundleImports) {
  std::ifstream in(std::string(NEWSDESK_SOURCE_DIR) + "/demo/back-channel.json");
  std::string text((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(Import("seed.json", text), "ok");
  ListingQuery q;
  q.filter = {ListingFilter::Kind::kColumn, "back-channel"};
  q.now = 2000000000;
  EXPECT_EQ(store_->ListPublicArticles(q).total, 6);
}

TEST_F(ImportFileTest, ErrorsNameFileRecordAndField) {
  EXPECT_EQ(Import("bad.json", "{\n\"newsdesk_bundle\": 1,\n]"),
            "bad.json:3: parse error at line 3, column 1: syntax error while parsing object key - "
            "unexpected ']'; expected string literal");
  EXPECT_EQ(Import("b.json", R"({"newsdesk_bundle": 1, "publication": {"name": "P", "base_url": "http://x"},
      "articles": [{"slug": "x", "title": "T", "authors": ["a"], "column": "c", "status": "draft"}]})"),
            "b.json: article x: column: unknown column 'c'");
  EXPECT_FALSE(store_->LoadPublication());  // nothing of the failed file stored
}

TEST_F(ImportFileTest, OtherFormatsAreRecognised) {
  EXPECT_EQ(Import("wp.xml", "<?xml version=\"1.0\"?><rss xmlns:wp=\"http://wordpress.org/export/1.2/\">"),
            "wp.xml:1: the file ends before its last element is closed (is it cut short?)");
  EXPECT_EQ(Import("ghost.json", R"({"db": [{"data": {"posts": []}}]})"), "ok");
  EXPECT_EQ(Import("ghost-bad.json", R"({"db": [{"data": {"posts": [{"id": "x", "title": "T", "status": "published"}]}}]})"),
            "ghost-bad.json: ghost post x: published_at: is missing or not a date");
  EXPECT_EQ(Import("missing.json", "").substr(0, 13), "missing.json:");
}

TEST_F(ImportFileTest, GhostExport) {
  std::ifstream in(std::string(NEWSDESK_SOURCE_DIR) + "/tests/golden/ghost-export.json");
  std::string text((std::istreambuf_iterator<char>(in)), {});
  ASSERT_EQ(Import("ghost.json", text), "ok");
  EXPECT_EQ(store_->LoadPublication()->name, "The Ghost Gazette");
  auto talks = store_->FindAnyArticle("talks-resume");
  ASSERT_TRUE(talks);
  EXPECT_EQ(talks->status, ArticleStatus::kPublished);
  EXPECT_EQ(talks->column.slug, "middle-east");  // the primary tag
  ASSERT_EQ(talks->authors.size(), 2u);
  EXPECT_EQ(talks->authors[0].name, "Ada Writer");  // Ghost's sort order
  // The primary tag stays a tag too; #internal is never public.
  ASSERT_EQ(talks->tags.size(), 2u);
  std::set<std::string> tags;
  for (const auto& t : talks->tags) tags.insert(t.slug);
  EXPECT_TRUE(tags.count("middle-east") && tags.count("syria")) << talks->tags[0].slug;
  EXPECT_FALSE(store_->FindTag("hash-internal"));
  EXPECT_EQ(talks->summary, "Diplomats meet again.");
  EXPECT_EQ(talks->body_format, BodyFormat::kHtml);
  EXPECT_FALSE(store_->FindAnyArticle("about"));  // pages are not articles
  EXPECT_TRUE(store_->pages().FindPage("about"));  // but static pages
  EXPECT_EQ(store_->FindAnyArticle("unfinished")->status, ArticleStatus::kDraft);
  EXPECT_EQ(store_->FindAnyArticle("members")->status, ArticleStatus::kDraft);
  EXPECT_EQ(store_->FindAnyArticle("coming-soon")->status, ArticleStatus::kScheduled);
  auto plain = store_->FindAnyArticle("no-tags");
  EXPECT_EQ(plain->column.slug, "uncategorized");
  EXPECT_EQ(plain->authors[0].slug, "ghost");
}

std::string Fixture() {
  std::ifstream in(std::string(NEWSDESK_SOURCE_DIR) + "/../shared/fixtures/wordpress/themeunittestdata.wordpress.xml");
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

TEST_F(ImportFileTest, WordPressThemeUnitTestData) {
  std::string wxr = Fixture();
  if (wxr.empty()) GTEST_SKIP() << "shared/fixtures is not beside this checkout";
  ASSERT_EQ(Import("wp.xml", wxr), "ok");
  auto pub = store_->LoadPublication();
  ASSERT_TRUE(pub);
  EXPECT_EQ(pub->name, "Theme Unit Test Data");
  AdminArticleQuery all;
  all.limit = 1000;
  all.whole = true;
  auto page = store_->ListArticles(all);
  EXPECT_EQ(page.total, 58);  // 58 posts; pages, attachments and menu items are not articles
  int published = 0, drafts = 0, scheduled = 0;
  for (const auto& a : page.items) {
    EXPECT_EQ(a.body_format, BodyFormat::kHtml);
    if (a.body.find("<p>") != std::string::npos) {
      EXPECT_FALSE(a.summary.empty()) << a.slug;
    }
    ASSERT_FALSE(a.authors.empty());
    published += a.status == ArticleStatus::kPublished;
    drafts += a.status == ArticleStatus::kDraft;
    scheduled += a.status == ArticleStatus::kScheduled;
  }
  EXPECT_EQ(published, 55);
  EXPECT_EQ(scheduled, 1);
  EXPECT_EQ(drafts, 2);  // the draft, and the password-protected post
  auto protected_post = store_->FindAnyArticle("template-password-protected");
  ASSERT_TRUE(protected_post);
  EXPECT_EQ(protected_post->status, ArticleStatus::kDraft);
  EXPECT_EQ(store_->FindAuthor("themereviewteam")->name, "Theme Reviewer");
  // Re-importing the same export updates in place.
  ASSERT_EQ(Import("wp.xml", wxr), "ok");
  EXPECT_EQ(store_->ListArticles(all).total, 58);
}

}  // namespace
}  // namespace newsdesk

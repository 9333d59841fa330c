#include "transfer/bundle_importer.h"

#include <gtest/gtest.h>

#include <fstream>

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
            "wp.xml: WordPress WXR import is not supported by this version yet");
  EXPECT_EQ(Import("missing.json", "").substr(0, 13), "missing.json:");
}

}  // namespace
}  // namespace newsdesk

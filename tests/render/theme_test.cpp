#include "render/theme.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "support/temp_dir.h"

namespace newsdesk {
namespace {

class ThemeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(dir_.File("t/templates"));
    std::filesystem::create_directories(dir_.File("t/partials"));
    std::filesystem::create_directories(dir_.File("t/assets"));
  }
  testing::TempDir dir_;
};

TEST_F(ThemeTest, EscapesByDefaultAndInlinesPartials) {
  dir_.Write("t/templates/page.mustache", "<h1>{{title}}</h1>{{#items}}{{> item}}{{/items}}{{{raw}}}");
  dir_.Write("t/partials/item.mustache", "<li>{{.}}</li>");
  auto theme = Theme::Load(dir_.File("t"));
  ASSERT_TRUE(theme.ok()) << theme.error().ToString();
  TemplateData d;
  d.set("title", "<b>Tom & \"Jerry\"</b>");
  TemplateData items{TemplateData::type::list};
  items.push_back("x<y");
  d.set("items", items);
  d.set("raw", "<em>ok</em>");
  EXPECT_EQ(theme.value()->Render({"page"}, d),
            "<h1>&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;</h1><li>x&lt;y</li><em>ok</em>");
}

TEST_F(ThemeTest, FallsBackAlongTheChain) {
  dir_.Write("t/templates/column.mustache", "general");
  dir_.Write("t/templates/column-special.mustache", "special");
  auto theme = std::move(Theme::Load(dir_.File("t"))).value();
  TemplateData d;
  EXPECT_EQ(theme->Render({"column-special", "column"}, d), "special");
  EXPECT_EQ(theme->Render({"column-other", "column"}, d), "general");
  EXPECT_THROW(theme->Render({"nothing"}, d), std::logic_error);
}

TEST_F(ThemeTest, ReportsBrokenTemplatesAndPartials) {
  dir_.Write("t/templates/bad.mustache", "{{#open}}never closed");
  auto r = Theme::Load(dir_.File("t"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().record, "template bad");

  std::filesystem::remove(dir_.File("t/templates/bad.mustache"));
  dir_.Write("t/templates/p.mustache", "{{> missing}}");
  r = Theme::Load(dir_.File("t"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().ToString(), "template p: unknown partial 'missing'");
}

TEST_F(ThemeTest, AssetsAreServedFromMemoryWithEtags) {
  dir_.Write("t/templates/x.mustache", "x");
  dir_.Write("t/assets/style.css", "body{}");
  auto theme = std::move(Theme::Load(dir_.File("t"))).value();
  const ThemeAsset* css = theme->FindAsset("style.css");
  ASSERT_NE(css, nullptr);
  EXPECT_EQ(css->body, "body{}");
  EXPECT_EQ(css->content_type, "text/css; charset=utf-8");
  EXPECT_EQ(css->etag.front(), '"');
  EXPECT_EQ(theme->FindAsset("../templates/x.mustache"), nullptr);
  EXPECT_EQ(theme->FindAsset("missing.css"), nullptr);
}

TEST(DefaultTheme, Loads) {
  auto theme = Theme::Load(std::string(NEWSDESK_SOURCE_DIR) + "/themes/default");
  ASSERT_TRUE(theme.ok()) << theme.error().ToString();
  for (const char* t : {"layout", "listing", "article", "cookies", "error"}) {
    EXPECT_TRUE(theme.value()->HasTemplate(t)) << t;
  }
}

}  // namespace
}  // namespace newsdesk

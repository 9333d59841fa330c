#include "transfer/bundle.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "content/dates.h"

namespace newsdesk {
namespace {

using nlohmann::json;

json ValidBundle() {
  return json::parse(R"({
    "newsdesk_bundle": 1,
    "publication": {"name": "Al-Monitor", "base_url": "http://127.0.0.1:8080/", "language": "en",
                    "timezone": "America/New_York", "copyright": "c", "newsletter_pitch": "p",
                    "cookie_notice": "n"},
    "authors": [{"slug": "laura-rozen", "name": "Laura Rozen", "bio": ""}],
    "columns": [{"slug": "back-channel", "name": "Back Channel", "title": "The Back Channel", "description": ""}],
    "articles": [{"slug": "one", "title": "One", "summary": "S", "body": "B", "authors": ["laura-rozen"],
                  "column": "back-channel", "tags": ["syria"], "published_at": "2016-09-28T10:00:00-04:00",
                  "status": "published"}]
  })");
}

// The error for a bundle with one change applied to its first article.
std::string ArticleError(const std::function<void(json&)>& change) {
  json b = ValidBundle();
  change(b["articles"][0]);
  auto r = ParseBundle(b.dump());
  if (r.ok()) return "(no error)";
  return r.error().ToString();
}

TEST(Bundle, ParsesTheContractExample) {
  auto r = ParseBundle(ValidBundle().dump());
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  const Bundle& b = r.value();
  ASSERT_TRUE(b.publication);
  EXPECT_EQ(b.publication->base_url, "http://127.0.0.1:8080");  // trailing slash dropped
  ASSERT_EQ(b.articles.size(), 1u);
  EXPECT_EQ(b.articles[0].authors[0].slug, "laura-rozen");
  EXPECT_EQ(b.articles[0].column.slug, "back-channel");
  EXPECT_EQ(b.articles[0].published_at, *ParseRfc3339("2016-09-28T14:00:00Z"));
  EXPECT_EQ(b.articles[0].status, ArticleStatus::kPublished);
}

TEST(Bundle, MalformedJsonNamesTheLine) {
  auto r = ParseBundle("{\n  \"newsdesk_bundle\": 1,\n  \"articles\": [\n    {,}\n  ]\n}");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().line, 4);
  EXPECT_NE(r.error().message.find("syntax error"), std::string::npos) << r.error().message;
}

TEST(Bundle, NumbersOutOfRangeAreAnErrorNotACrash) {
  // Found by fuzz/run bundle: nlohmann throws out_of_range, not parse_error, for these.
  auto r = ParseBundle("{\"newsdesk_bundle\": 1,\n\"x\": 44444e4444}");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().line, 2);
  EXPECT_NE(r.error().message.find("number overflow"), std::string::npos) << r.error().message;
}

TEST(Bundle, InvalidUtf8IsRefused) {
  std::string text = ValidBundle().dump();
  text.replace(text.find("One"), 3, "O\xff\xfe");
  auto r = ParseBundle(text);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().line, 1);
  EXPECT_NE(r.error().message.find("UTF-8"), std::string::npos) << r.error().message;
  for (char c : r.error().message) EXPECT_TRUE(c >= 0x20 && c < 0x7f);
}

TEST(Bundle, WrongVersionOrShape) {
  EXPECT_EQ(ParseBundle("[]").error().ToString(), "bundle: must be a JSON object");
  EXPECT_EQ(ParseBundle(R"({"newsdesk_bundle": 2})").error().field, "newsdesk_bundle");
  EXPECT_EQ(ParseBundle(R"({"newsdesk_bundle": 1, "articles": {}})").error().ToString(),
            "bundle: articles: must be an array");
}

TEST(Bundle, MissingRequiredFields) {
  EXPECT_EQ(ArticleError([](json& a) { a.erase("title"); }), "article one: title: is required");
  EXPECT_EQ(ArticleError([](json& a) { a.erase("authors"); }), "article one: authors: is required");
  EXPECT_EQ(ArticleError([](json& a) { a["authors"] = json::array(); }),
            "article one: authors: must name at least one");
  EXPECT_EQ(ArticleError([](json& a) { a.erase("column"); }), "article one: column: is required");
  EXPECT_EQ(ArticleError([](json& a) { a.erase("status"); }), "article one: status: is required");
  EXPECT_EQ(ArticleError([](json& a) { a.erase("published_at"); }),
            "article one: published_at: is required");
  EXPECT_EQ(ArticleError([](json& a) { a.erase("slug"); }), "article #1: slug: is required");
}

TEST(Bundle, DraftsMayOmitTheDate) {
  EXPECT_EQ(ArticleError([](json& a) {
              a.erase("published_at");
              a["status"] = "draft";
            }),
            "(no error)");
}

TEST(Bundle, WrongTypes) {
  EXPECT_EQ(ArticleError([](json& a) { a["title"] = 42; }), "article one: title: must be a string");
  EXPECT_EQ(ArticleError([](json& a) { a["authors"] = "laura-rozen"; }),
            "article one: authors: must be an array of slugs");
  EXPECT_EQ(ArticleError([](json& a) { a["tags"] = json::array({1}); }),
            "article one: tags: must be an array of slugs");
  EXPECT_EQ(ArticleError([](json& a) { a["summary"] = json::object(); }),
            "article one: summary: must be a string");
  json b = ValidBundle();
  b["articles"][0] = "not an object";
  EXPECT_EQ(ParseBundle(b.dump()).error().ToString(), "article #1: must be an object");
}

TEST(Bundle, BadDates) {
  EXPECT_EQ(ArticleError([](json& a) { a["published_at"] = "2016-02-30T10:00:00Z"; }),
            "article one: published_at: '2016-02-30T10:00:00Z' is not an RFC 3339 date-time like "
            "2016-09-28T10:00:00-04:00");
  EXPECT_NE(ArticleError([](json& a) { a["published_at"] = "Sep 28 2016"; }).find("published_at"),
            std::string::npos);
}

TEST(Bundle, BadSlugsAndStatus) {
  EXPECT_EQ(ArticleError([](json& a) { a["slug"] = "Not A Slug"; }),
            "article #1: slug: 'Not A Slug' is not a valid slug: may contain only lowercase letters, digits and '-'");
  EXPECT_EQ(ArticleError([](json& a) { a["column"] = "../x"; }),
            "article one: column: '../x' is not a valid slug: may contain only lowercase letters, digits and '-'");
  EXPECT_EQ(ArticleError([](json& a) { a["authors"] = {"laura-rozen", "laura-rozen"}; }),
            "article one: authors: 'laura-rozen' is listed twice");
  EXPECT_EQ(ArticleError([](json& a) { a["status"] = "live"; }),
            "article one: status: 'live' is not one of draft, review, scheduled, published");
}

TEST(Bundle, DuplicateSlugsInOneFile) {
  json b = ValidBundle();
  b["articles"].push_back(b["articles"][0]);
  EXPECT_EQ(ParseBundle(b.dump()).error().ToString(), "article one: slug: appears twice in this file");
  b = ValidBundle();
  b["authors"].push_back(b["authors"][0]);
  EXPECT_EQ(ParseBundle(b.dump()).error().ToString(), "author laura-rozen: slug: appears twice in this file");
}

TEST(Bundle, PublicationChecks) {
  json b = ValidBundle();
  b["publication"]["timezone"] = "Mars/Base";
  EXPECT_EQ(ParseBundle(b.dump()).error().ToString(),
            "publication: timezone: 'Mars/Base' is not a known IANA time zone");
  b = ValidBundle();
  b["publication"]["base_url"] = "javascript:alert(1)";
  EXPECT_EQ(ParseBundle(b.dump()).error().ToString(),
            "publication: base_url: must start with http:// or https://");
  b = ValidBundle();
  b["publication"].erase("name");
  EXPECT_EQ(ParseBundle(b.dump()).error().ToString(), "publication: name: is required");
}

}  // namespace
}  // namespace newsdesk

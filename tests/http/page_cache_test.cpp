#include "http/page_cache.h"

#include <gtest/gtest.h>

#include <functional>
#include <map>

namespace newsdesk::http {
namespace {

struct World {
  // The change log: change i (from 1) touched scopes[i - 1].
  std::vector<std::string> log = {"*"};
  std::uint64_t writes = 0;
  int version_reads = 0;
  void Change(std::string scope) { log.push_back(std::move(scope)); }
  std::optional<UnixSeconds> next;
  UnixSeconds now = 1000;
  int renders = 0;
  std::function<void()> during_read;  // runs while the log is read (a slow database)
};

PageCache MakeCache(World* w, size_t max_bytes = 1 << 20) {
  return PageCache({[w](std::int64_t after) {
                      ++w->version_reads;
                      if (w->during_read) w->during_read();
                      PageCache::Changes c;
                      c.last = static_cast<std::int64_t>(w->log.size());
                      for (auto i = std::max<std::int64_t>(after, 0); i < c.last; ++i) {
                        if (w->log[static_cast<size_t>(i)] == "*") c.everything = true;
                        c.scopes.push_back(w->log[static_cast<size_t>(i)]);
                      }
                      if (after == 0) c.everything = true;
                      return c;
                    },
                    [w] { return w->writes; }, [w](UnixSeconds) { return w->next; }, [w] { return w->now; }},
                   max_bytes);
}

Request Get(std::string target, std::string cookie = "") {
  Request r;
  r.method = "GET";
  r.target = target;
  r.path = target.substr(0, target.find('?'));
  if (auto q = target.find('?'); q != std::string::npos) r.query = target.substr(q + 1);
  if (!cookie.empty()) r.headers.emplace_back("cookie", cookie);
  return r;
}

TEST(PageCache, ServesUntilTheContentChanges) {
  World w;
  PageCache cache = MakeCache(&w);
  auto render = [&w](const Request& r) { return Response::Html(200, r.target + " #" + std::to_string(++w.renders)); };
  EXPECT_EQ(cache.Serve(Get("/columns/x"), render).body, "/columns/x #1");
  EXPECT_EQ(cache.Serve(Get("/columns/x"), render).body, "/columns/x #1");
  EXPECT_EQ(cache.hits(), 1u);
  w.Change("column:x");  // an edit of an article in that column
  EXPECT_EQ(cache.Serve(Get("/columns/x"), render).body, "/columns/x #2");
  EXPECT_EQ(cache.Serve(Get("/columns/x?page=2"), render).body, "/columns/x?page=2 #3");
  EXPECT_EQ(cache.Serve(Get("/columns/x", "newsdesk_consent=dismissed"), render).body, "/columns/x #4");
}

TEST(PageCache, ExpiresWhenAScheduledArticleIsDue) {
  World w;
  w.next = 1100;
  PageCache cache = MakeCache(&w);
  auto render = [&w](const Request&) { return Response::Html(200, std::to_string(++w.renders)); };
  EXPECT_EQ(cache.Serve(Get("/"), render).body, "1");
  w.now = 1099;
  EXPECT_EQ(cache.Serve(Get("/"), render).body, "1");
  w.now = 1100;
  w.next.reset();
  EXPECT_EQ(cache.Serve(Get("/"), render).body, "2");
}

TEST(PageCache, KeepsOnlyWhatIsSafeToShare) {
  World w;
  PageCache cache = MakeCache(&w);
  int renders = 0;
  auto count = [&renders](int status) {
    return [&renders, status](const Request&) {
      ++renders;
      return Response::Html(status, "x");
    };
  };
  for (int i = 0; i < 2; ++i) cache.Serve(Get("/search?q=a"), count(200));
  for (int i = 0; i < 2; ++i) cache.Serve(Get("/admin"), count(200));
  for (int i = 0; i < 2; ++i) cache.Serve(Get("/columns/x?page=zz"), count(404));
  Request conditional = Get("/columns/x");
  conditional.headers.emplace_back("if-none-match", "\"abc\"");
  for (int i = 0; i < 2; ++i) cache.Serve(conditional, count(200));
  Request post = Get("/columns/x");
  post.method = "POST";
  for (int i = 0; i < 2; ++i) cache.Serve(post, count(200));
  EXPECT_EQ(renders, 10);
  EXPECT_EQ(cache.hits(), 0u);
}

TEST(PageCache, LookupAnswersHitsWithoutReadingTheLog) {
  World w;
  PageCache cache = MakeCache(&w);
  EXPECT_FALSE(cache.Lookup(Get("/columns/x")));  // nothing cached yet
  cache.Serve(Get("/columns/x"), [](const Request&) { return Response::Html(200, "page v1"); });
  int reads = w.version_reads;
  auto hit = cache.Lookup(Get("/columns/x?utm_source=a"));
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->body, "page v1");
  EXPECT_EQ(w.version_reads, reads);  // no database query on a hit
  EXPECT_FALSE(cache.Lookup(Get("/search?q=x")));
  // A write in this process: Lookup declines until the log is read again.
  w.writes = 1;
  w.Change("column:x");
  EXPECT_FALSE(cache.Lookup(Get("/columns/x")));
  EXPECT_EQ(cache.Serve(Get("/columns/x"), [](const Request&) { return Response::Html(200, "page v2"); }).body,
            "page v2");
  EXPECT_EQ(cache.Lookup(Get("/columns/x"))->body, "page v2");
  // Another process's write is seen once the log is read (the timer).
  w.Change("column:x");
  EXPECT_EQ(cache.Lookup(Get("/columns/x"))->body, "page v2");
  cache.Refresh();
  EXPECT_FALSE(cache.Lookup(Get("/columns/x")));
  // A scheduled article's moment passing ends the entry too.
  w.next = 2000;
  cache.Serve(Get("/columns/y"), [](const Request&) { return Response::Html(200, "y"); });
  EXPECT_TRUE(cache.Lookup(Get("/columns/y")));
  w.now = 2000;
  EXPECT_FALSE(cache.Lookup(Get("/columns/y")));
}

TEST(PageCache, AChangeDropsOnlyThePagesItTouched) {
  World w;
  PageCache cache = MakeCache(&w);
  std::map<std::string, int> renders;
  auto render = [&](const Request& r) {
    ++renders[r.target];
    Response page = Response::Html(200, r.target);
    // Article pages show their column's newest and articles related by tag.
    if (r.path == "/articles/one" || r.path == "/articles/three") page.scopes = {"column:x", "author:a", "tag:t"};
    if (r.path == "/articles/two") page.scopes = {"column:y", "author:b", "tag:u"};
    return page;
  };
  const std::vector<std::string> pages = {"/",           "/page/2",           "/feed.xml",        "/sitemap.xml",
                                          "/columns/x",  "/columns/x?page=2", "/columns/y",       "/authors/a",
                                          "/authors/b",  "/tags/t",           "/tags/u",          "/articles/one",
                                          "/articles/two", "/robots.txt",     "/columns/x/feed.xml",
                                          "/articles/three"};
  auto visit = [&] {
    for (const auto& p : pages) cache.Serve(Get(p), render);
  };
  visit();
  // Article "one" (column x, author a, tag t) edited:
  for (std::string scope : {"article:one", "home", "column:x", "author:a", "tag:t"}) w.Change(scope);
  renders.clear();
  visit();
  std::map<std::string, int> expected = {{"/", 1},          {"/page/2", 1},           {"/feed.xml", 1},
                                         {"/sitemap.xml", 1}, {"/columns/x", 1},        {"/columns/x?page=2", 1},
                                         {"/authors/a", 1},  {"/tags/t", 1},            {"/articles/one", 1},
                                         {"/articles/three", 1},  // it lists "one" (more from x, related by t)
                                         {"/columns/x/feed.xml", 1}};
  EXPECT_EQ(renders, expected);
  // A change in column y: its listing and the article page that shows its newest.
  w.Change("column:y");
  renders.clear();
  visit();
  EXPECT_EQ(renders, (std::map<std::string, int>{{"/columns/y", 1}, {"/articles/two", 1}}));
  // Everything ("*": a renamed author) drops every page.
  w.Change("*");
  renders.clear();
  visit();
  EXPECT_EQ(renders.size(), pages.size());
  EXPECT_EQ(PageCache::ScopeOf("/articles/ش-ر"), "article:ش-ر");
  // The index of every author ("/authors/") shows any author.
  EXPECT_EQ(PageCache::ScopeOf("/authors/"), "author:");
  EXPECT_TRUE(PageCache::Touched({"author:"}, {"author:new-one"}));
  EXPECT_FALSE(PageCache::Touched({"author:"}, {"tag:new-one", "column:x"}));
  EXPECT_FALSE(PageCache::Touched({"author:a"}, {"author:ab"}));
  EXPECT_EQ(PageCache::ScopeOf("/columns/x/page/3"), "column:x");
  EXPECT_EQ(PageCache::ScopeOf("/news-sitemap.xml"), "home");
  EXPECT_EQ(PageCache::ScopeOf("/media/0123456789abcdef0123-640.webp"), "media:0123456789abcdef0123");
}

TEST(PageCache, APageRenderedWhileAChangeLandsIsNotKept) {
  World w;
  PageCache cache = MakeCache(&w);
  int renders = 0;
  auto slow = [&](const Request&) {
    ++renders;
    w.Change("column:x");  // committed while this page was being rendered
    cache.Refresh();       // and seen by the timer before the page is kept
    return Response::Html(200, "maybe stale");
  };
  cache.Serve(Get("/columns/x"), slow);
  cache.Serve(Get("/columns/x"), [&](const Request&) {
    ++renders;
    return Response::Html(200, "fresh");
  });
  EXPECT_EQ(renders, 2);
  EXPECT_EQ(cache.Lookup(Get("/columns/x"))->body, "fresh");
}

TEST(PageCache, AnOvertakenFirstLookDropsNothing) {
  World w;
  PageCache cache = MakeCache(&w);
  auto render = [&w](const Request& r) { return Response::Html(200, r.target + " #" + std::to_string(++w.renders)); };
  bool served = false;
  w.during_read = [&] {
    if (served) return;
    served = true;
    cache.Serve(Get("/columns/x"), render);  // a request, served and kept while the timer's look is slow
  };
  cache.Refresh();  // the timer's first look ("everything" changed) lands after the page was kept
  w.during_read = nullptr;
  EXPECT_EQ(cache.Serve(Get("/columns/x"), render).body, "/columns/x #1");
  EXPECT_EQ(w.renders, 1);
}

TEST(PageCache, KeepsNotFoundPagesToo) {
  World w;
  PageCache cache = MakeCache(&w);
  auto render = [&w](const Request&) { return Response::Html(404, "gone " + std::to_string(++w.renders)); };
  EXPECT_EQ(cache.Serve(Get("/sitemaps/99.xml"), render).body, "gone 1");
  EXPECT_EQ(cache.Serve(Get("/sitemaps/99.xml"), render).status, 404);
  EXPECT_EQ(w.renders, 1);
  // The 404 of any unknown path, and static pages (/about), are kept too...
  EXPECT_EQ(cache.Serve(Get("/no-such-page"), render).body, "gone 2");
  EXPECT_EQ(cache.Serve(Get("/no-such-page"), render).body, "gone 2");
  EXPECT_EQ(cache.Lookup(Get("/no-such-page"))->status, 404);
  EXPECT_EQ(cache.Serve(Get("/wp-login.php/x"), render).body, "gone 3");
  EXPECT_EQ(cache.Serve(Get("/wp-login.php/x"), render).body, "gone 3");
  // ...until any article changes (a new page's slug is "*": everything).
  w.Change("home");
  EXPECT_EQ(cache.Serve(Get("/no-such-page"), render).body, "gone 4");
  // The site's own dynamic paths never are.
  for (const char* own : {"/admin", "/admin/articles", "/api/admin/articles", "/search?q=x", "/newsletter",
                          "/newsletter/confirm?token=t", "/metrics", "/healthz", "/assets/style.css"}) {
    EXPECT_FALSE(PageCache::IsCacheable(Get(own))) << own;
  }
}

TEST(PageCache, UnknownQueryParametersShareThePageWithoutThem) {
  World w;
  PageCache cache = MakeCache(&w);
  std::vector<std::string> seen;
  auto render = [&](const Request& r) {
    seen.push_back(r.target);
    return Response::Html(200, "x");
  };
  cache.Serve(Get("/robots.txt?utm_source=a"), render);
  cache.Serve(Get("/robots.txt?x=random"), render);
  cache.Serve(Get("/robots.txt"), render);
  cache.Serve(Get("/columns/x?page=2&utm_campaign=z"), render);
  cache.Serve(Get("/columns/x?page=2"), render);
  cache.Serve(Get("/columns/x?page=1"), render);
  cache.Serve(Get("/columns/x"), render);
  EXPECT_EQ(seen, (std::vector<std::string>{"/robots.txt", "/columns/x?page=2", "/columns/x?page=1", "/columns/x"}));
}

TEST(PageCache, MemoryBoundCountsKeysAndOverhead) {
  World w;
  const size_t max = 256 * 1024;
  PageCache cache = MakeCache(&w, max);
  auto render = [](const Request&) { return Response::Html(404, "tiny"); };
  for (int i = 0; i < 20000; ++i) {
    cache.Serve(Get("/articles/" + std::string(300, 'k') + std::to_string(i)), render);
    ASSERT_LE(cache.bytes(), max);
  }
  EXPECT_GT(cache.entries(), 0u);
  EXPECT_LT(cache.entries(), 20000u * 4 / 100);  // keys alone would have taken 6 MB
}

TEST(PageCache, AFloodOfOneOffUrlsDoesNotEvictAHotPage) {
  World w;
  PageCache cache = MakeCache(&w, 64 * 1024);
  int hot_renders = 0;
  auto hot = [&](const Request&) {
    ++hot_renders;
    return Response::Html(200, std::string(8000, 'h'));
  };
  auto junk = [](const Request&) { return Response::Html(404, std::string(2000, 'j')); };
  cache.Serve(Get("/columns/hot"), hot);
  cache.Serve(Get("/columns/hot"), hot);  // read twice: protected
  for (int i = 0; i < 5000; ++i) {
    cache.Serve(Get("/articles/junk-" + std::to_string(i)), junk);
    cache.Serve(Get("/robots.txt?r=" + std::to_string(i)), junk);
  }
  cache.Serve(Get("/columns/hot"), hot);
  EXPECT_EQ(hot_renders, 1);
  EXPECT_LE(cache.bytes(), 64u * 1024);
}

TEST(PageCache, EvictsTheLeastRecentlyUsedNotEverything) {
  World w;
  PageCache cache = MakeCache(&w, 20 * 1024);
  int renders = 0;
  auto render = [&](const Request&) {
    ++renders;
    return Response::Html(200, std::string(1000, 'p'));
  };
  for (int round = 0; round < 2; ++round) {
    for (int i = 0; i < 5; ++i) cache.Serve(Get("/articles/p" + std::to_string(i)), render);
  }
  EXPECT_EQ(renders, 5);  // five pages fit and stay
  for (int i = 5; i < 40; ++i) cache.Serve(Get("/articles/p" + std::to_string(i)), render);
  renders = 0;
  for (int i = 0; i < 5; ++i) cache.Serve(Get("/articles/p" + std::to_string(i)), render);
  EXPECT_EQ(renders, 0);  // the pages read twice survived 35 new ones
}

}  // namespace
}  // namespace newsdesk::http

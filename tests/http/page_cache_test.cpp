#include "http/page_cache.h"

#include <gtest/gtest.h>

namespace newsdesk::http {
namespace {

struct World {
  std::int64_t version = 1;
  std::optional<UnixSeconds> next;
  UnixSeconds now = 1000;
  int renders = 0;
};

PageCache MakeCache(World* w, size_t max_bytes = 1 << 20) {
  return PageCache({[w] { return w->version; }, [w](UnixSeconds) { return w->next; }, [w] { return w->now; }},
                   max_bytes);
}

Request Get(std::string target, std::string cookie = "") {
  Request r;
  r.method = "GET";
  r.target = target;
  r.path = target.substr(0, target.find('?'));
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
  w.version = 2;  // an import, an edit, a delete
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
  for (int i = 0; i < 2; ++i) cache.Serve(Get("/articles/missing"), count(404));
  Request conditional = Get("/columns/x");
  conditional.headers.emplace_back("if-none-match", "\"abc\"");
  for (int i = 0; i < 2; ++i) cache.Serve(conditional, count(200));
  Request post = Get("/columns/x");
  post.method = "POST";
  for (int i = 0; i < 2; ++i) cache.Serve(post, count(200));
  EXPECT_EQ(renders, 10);
  EXPECT_EQ(cache.hits(), 0u);
}

TEST(PageCache, StartsOverWhenFull) {
  World w;
  PageCache cache = MakeCache(&w, 10);
  auto render = [&w](const Request&) { return Response::Html(200, std::string(6, 'a' + (++w.renders % 26))); };
  cache.Serve(Get("/a"), render);
  cache.Serve(Get("/articles/b"), render);  // 12 bytes > 10: /a is dropped
  cache.Serve(Get("/articles/b"), render);
  EXPECT_EQ(cache.hits(), 1u);
  EXPECT_EQ(w.renders, 2);
}

}  // namespace
}  // namespace newsdesk::http

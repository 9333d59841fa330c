// Micro benchmarks of the pieces on the page hot path. Run with bench/micro.
#include <benchmark/benchmark.h>

#include "content/dates.h"
#include "content/search_query.h"
#include "render/markdown.h"
#include "render/theme.h"
#include "site/view_model.h"

namespace newsdesk {
namespace {

Listing SeedLikeListing() {
  Listing l;
  for (int i = 0; i < 20; ++i) {
    Article a;
    a.slug = "us-threatens-to-halt-talks-with-russia-on-syria-" + std::to_string(i);
    a.title = "US threatens to halt talks with Russia on Syria";
    a.summary = "Washington has threatened to suspend US-Russian engagement on Syria if Moscow does not take "
                "immediate steps to halt a Russian-backed Syrian regime assault on rebel-held eastern Aleppo.";
    a.published_at = 1475071200 - i * 86400;
    a.column = {"back-channel", "Back Channel"};
    a.authors = {{"laura-rozen", "Laura Rozen"}};
    l.items.push_back(a);
  }
  return l;
}

void BM_RenderColumnPage(benchmark::State& state) {
  auto theme = std::move(Theme::Load(std::string(NEWSDESK_SOURCE_DIR) + "/themes/default")).value();
  Listing listing = SeedLikeListing();
  Publication p{"Al-Monitor", "http://127.0.0.1:8080", "en", "America/New_York", "c", "p", "n"};
  const auto* zone = FindTimeZone(p.timezone);
  for (auto _ : state) {
    auto data = site::ListingData("The Back Channel", "", listing, "/columns/back-channel", zone);
    std::string content = theme->Render({"listing"}, data);
    site::LayoutInputs in;
    in.publication = &p;
    in.meta = site::MakeMeta("The Back Channel", "", "/columns/back-channel");
    in.content_html = content;
    in.show_cookie_notice = true;
    in.return_to = "/";
    in.asset_version = theme->asset_version();
    benchmark::DoNotOptimize(theme->Render({"layout"}, site::LayoutData(in)));
  }
}
BENCHMARK(BM_RenderColumnPage);

void BM_FormatListingDate(benchmark::State& state) {
  const auto* zone = FindTimeZone("America/New_York");
  UnixSeconds t = 1475071200;
  for (auto _ : state) benchmark::DoNotOptimize(FormatListingDate(t++, zone));
}
BENCHMARK(BM_FormatListingDate);

void BM_RenderMarkdown(benchmark::State& state) {
  std::string md;
  for (int i = 0; i < 20; ++i) md += "A paragraph with *emphasis*, a [link](https://example.com) and text.\n\n";
  for (auto _ : state) benchmark::DoNotOptimize(RenderMarkdown(md));
}
BENCHMARK(BM_RenderMarkdown);

void BM_ToFtsQuery(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(ToFtsQuery("\"cease fire\" kerry lavrov* -syria (geneva"));
}
BENCHMARK(BM_ToFtsQuery);

}  // namespace
}  // namespace newsdesk

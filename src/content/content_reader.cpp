#include "content/content_reader.h"

#include "content/dates.h"

namespace newsdesk {

Publication ContentReader::LoadPublication() const {
  if (auto p = store_.LoadPublication()) return *p;
  Publication p;
  p.name = "newsdesk";
  p.base_url = "http://127.0.0.1:8080";
  return p;
}

const date::time_zone* ContentReader::ZoneOf(const Publication& publication) {
  if (const auto* zone = FindTimeZone(publication.timezone)) return zone;
  return FindTimeZone("UTC");
}

std::optional<Listing> ContentReader::List(const ListingFilter& filter, int page) const {
  if (page < 1) return std::nullopt;
  ListingQuery q;
  q.filter = filter;
  q.now = clock_.Now();
  q.limit = kArticlesPerPage;
  q.offset = (page - 1) * kArticlesPerPage;
  ListingPage result = store_.ListPublicArticles(q);
  Listing listing;
  listing.total = result.total;
  listing.page = page;
  listing.page_count = static_cast<int>(std::max<std::int64_t>(
      1, (result.total + kArticlesPerPage - 1) / kArticlesPerPage));
  if (page > listing.page_count) return std::nullopt;
  listing.items = std::move(result.items);
  return listing;
}

std::optional<Article> ContentReader::FindArticle(const std::string& slug) const {
  return store_.FindPublicArticle(slug, clock_.Now());
}

}  // namespace newsdesk

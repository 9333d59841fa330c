#include "storage/store.h"

#include "storage/postgres/pg_store.h"
#include "storage/sqlite/sqlite_store.h"
#include "transfer/bundle.h"

namespace newsdesk {

Result<std::unique_ptr<Store>> Store::Open(const std::string& url) {
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    auto store = PgStore::Open(url);
    if (!store.ok()) return store.error();
    return std::unique_ptr<Store>(std::move(store).value());
  }
  auto store = SqliteStore::Open(url);
  if (!store.ok()) return store.error();
  return std::unique_ptr<Store>(std::move(store).value());
}

std::string DisplayDatabaseUrl(const std::string& url) {
  size_t scheme = url.find("://");
  if (scheme == std::string::npos || url.rfind("postgres", 0) != 0) return url;
  size_t at = url.find('@', scheme + 3);
  size_t colon = url.find(':', scheme + 3);
  if (at == std::string::npos || colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon) + ":***" + url.substr(at);
}

Status Store::ApplyBundle(const Bundle& bundle, UnixSeconds now) {
  auto writer = BeginBundle(bundle, now);
  if (Status st = writer->Add(bundle.articles); !st.ok()) return st;
  return writer->Commit();
}

}  // namespace newsdesk

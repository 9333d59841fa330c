#include "storage/store.h"

#include "storage/sqlite/sqlite_store.h"
#include "transfer/bundle.h"

namespace newsdesk {

Result<std::unique_ptr<Store>> Store::Open(const std::string& url) {
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    return Error{"database", "url",
                 "the PostgreSQL back end is not built into this version yet; use a SQLite file"};
  }
  auto store = SqliteStore::Open(url);
  if (!store.ok()) return store.error();
  return std::unique_ptr<Store>(std::move(store).value());
}

Status Store::ApplyBundle(const Bundle& bundle, UnixSeconds now) {
  auto writer = BeginBundle(bundle, now);
  if (Status st = writer->Add(bundle.articles); !st.ok()) return st;
  return writer->Commit();
}

}  // namespace newsdesk

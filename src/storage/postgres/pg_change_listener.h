// LISTEN newsdesk_changes on a connection of its own: every commit that adds to
// content_changes, on any node, NOTIFYs that channel (migrations/postgres/
// 0001_schema.sql), and this calls `changed` at once, so a node's page cache
// reads the change log within milliseconds instead of at its next poll.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <thread>

#include "storage/store.h"

namespace newsdesk {

class PgChangeListener : public ChangeSubscription {
 public:
  PgChangeListener(std::string url, std::function<void()> changed);
  ~PgChangeListener() override;  // stops listening within a fraction of a second

 private:
  void Run();

  std::string url_;
  std::function<void()> changed_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace newsdesk

// Request counters and a latency histogram, kept with relaxed atomics on the hot
// path and rendered in the Prometheus text format for /metrics.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>

namespace newsdesk::http {

class Metrics {
 public:
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

  void RecordRequest(unsigned status, std::uint64_t bytes, double seconds);
  void ConnectionOpened() { open_connections_.fetch_add(1, std::memory_order_relaxed); }
  void ConnectionClosed() { open_connections_.fetch_sub(1, std::memory_order_relaxed); }
  // A connection turned away at the connection cap.
  void ConnectionRefused() { refused_connections_.fetch_add(1, std::memory_order_relaxed); }

  // The metrics as Prometheus text exposition (version 0.0.4).
  std::string Render() const;

 private:
  std::array<std::atomic<std::uint64_t>, 6> by_class_{};  // 1xx..5xx, other
  std::array<std::atomic<std::uint64_t>, kBuckets.size()> buckets_{};  // non-cumulative counts
  std::atomic<std::uint64_t> count_{0};
  std::atomic<std::uint64_t> micros_{0};
  std::atomic<std::uint64_t> bytes_{0};
  std::atomic<std::int64_t> open_connections_{0};
  std::atomic<std::uint64_t> refused_connections_{0};
};

}  // namespace newsdesk::http

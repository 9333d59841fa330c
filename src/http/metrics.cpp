#include "http/metrics.h"

#include <fmt/format.h>

namespace newsdesk::http {

void Metrics::RecordRequest(unsigned status, std::uint64_t bytes, double seconds) {
  size_t cls = status >= 100 && status < 600 ? status / 100 - 1 : 5;
  by_class_[cls].fetch_add(1, std::memory_order_relaxed);
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) {
      buckets_[i].fetch_add(1, std::memory_order_relaxed);
      break;
    }
  }
  count_.fetch_add(1, std::memory_order_relaxed);
  micros_.fetch_add(static_cast<std::uint64_t>(seconds * 1e6), std::memory_order_relaxed);
  bytes_.fetch_add(bytes, std::memory_order_relaxed);
}

std::string Metrics::Render() const {
  std::string out;
  out += "# HELP newsdesk_http_requests_total HTTP requests answered, by status class.\n"
         "# TYPE newsdesk_http_requests_total counter\n";
  static const char* classes[] = {"1xx", "2xx", "3xx", "4xx", "5xx", "other"};
  for (size_t i = 0; i < by_class_.size(); ++i) {
    out += fmt::format("newsdesk_http_requests_total{{code=\"{}\"}} {}\n", classes[i], by_class_[i].load());
  }
  out += "# HELP newsdesk_http_request_duration_seconds Time from a request read to its answer written.\n"
         "# TYPE newsdesk_http_request_duration_seconds histogram\n";
  std::uint64_t cumulative = 0;
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    cumulative += buckets_[i].load();
    out += fmt::format("newsdesk_http_request_duration_seconds_bucket{{le=\"{}\"}} {}\n", kBuckets[i], cumulative);
  }
  std::uint64_t count = count_.load();
  out += fmt::format("newsdesk_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {}\n", count);
  out += fmt::format("newsdesk_http_request_duration_seconds_sum {}\n", static_cast<double>(micros_.load()) / 1e6);
  out += fmt::format("newsdesk_http_request_duration_seconds_count {}\n", count);
  out += "# HELP newsdesk_http_response_bytes_total Bytes written in answers, headers included.\n"
         "# TYPE newsdesk_http_response_bytes_total counter\n";
  out += fmt::format("newsdesk_http_response_bytes_total {}\n", bytes_.load());
  out += "# HELP newsdesk_http_connections_open Client connections open now.\n"
         "# TYPE newsdesk_http_connections_open gauge\n";
  out += fmt::format("newsdesk_http_connections_open {}\n", open_connections_.load());
  out += "# HELP newsdesk_http_connections_refused_total Connections closed at once at the connection cap.\n"
         "# TYPE newsdesk_http_connections_refused_total counter\n";
  out += fmt::format("newsdesk_http_connections_refused_total {}\n", refused_connections_.load());
  return out;
}

}  // namespace newsdesk::http

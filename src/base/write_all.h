// Writing a whole buffer to a file descriptor with write(2).
#pragma once

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace newsdesk {

// Writes all of `bytes` to `fd`, continuing after short writes and retrying
// after EINTR; nullopt when written, else why not.
inline std::optional<std::string> WriteAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return std::string(std::strerror(errno));
    if (n == 0) return std::string("nothing written");
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return std::nullopt;
}

}  // namespace newsdesk

#include "cli/progress_line.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

namespace newsdesk::cli {

ProgressLine::ProgressLine(std::string what, std::string unit)
    : what_(std::move(what)), unit_(std::move(unit)), tty_(isatty(STDERR_FILENO) == 1),
      start_(std::chrono::steady_clock::now()) {}

ProgressLine::~ProgressLine() { Finish(); }

void ProgressLine::Update(std::uint64_t done, std::uint64_t total, std::uint64_t count) {
  if (!tty_) return;
  auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_draw_ < std::chrono::milliseconds(250) && done < total) return;
  last_draw_ = now;
  double seconds = std::chrono::duration<double>(now - start_).count();
  double fraction = total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 0.0;
  std::string line = fmt::format("{}: {:3.0f}% {} {}", what_, fraction * 100, count, unit_);
  if (seconds > 0.5) line += fmt::format(", {:.0f}/s", static_cast<double>(count) / seconds);
  if (fraction > 0.02 && fraction < 1.0) line += fmt::format(", {:.0f} s left", seconds / fraction - seconds);
  fmt::print(stderr, "\r\033[K{}", line);
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressLine::Finish() {
  if (tty_ && drawn_) {
    fmt::print(stderr, "\r\033[K");
    std::fflush(stderr);
  }
  drawn_ = false;
}

}  // namespace newsdesk::cli

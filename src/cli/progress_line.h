// One line of progress on a terminal ("site.json: 45% 45,000 articles, 1,500/s,
// 30 s left"), redrawn at most a few times a second; nothing when stderr is not
// a terminal (a pipe or a log gets the summary line the command prints at the
// end). Written by hand: it is one line of text, and none of Debian's progress
// libraries (indicators is not packaged) would be smaller than this.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace newsdesk::cli {

class ProgressLine {
 public:
  // `what` names the work ("site.json"); `unit` what is counted ("articles").
  ProgressLine(std::string what, std::string unit);
  ~ProgressLine();

  // `done` of `total` (bytes, pages...), and `count` of the unit so far.
  void Update(std::uint64_t done, std::uint64_t total, std::uint64_t count);
  // Clears the line (before an error or the summary is printed).
  void Finish();
  bool on_terminal() const { return tty_; }

 private:
  std::string what_;
  std::string unit_;
  bool tty_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace newsdesk::cli

#pragma once

#include <chrono>

#include "content/model.h"

namespace newsdesk {

// What time it is, behind an interface so tests can hold time still.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual UnixSeconds Now() const = 0;
};

class SystemClock : public Clock {
 public:
  UnixSeconds Now() const override {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch()).count();
  }
};

}  // namespace newsdesk

#pragma once

#include <string>
#include <vector>

#include "content/model.h"

namespace newsdesk {

// What follows name `index` of `count` in a byline: ", ", " and " or nothing.
const char* BylineSeparator(size_t index, size_t count);

// "A", "A and B", "A, B and C" (no serial comma, as the newsroom writes it).
std::string JoinByline(const std::vector<std::string>& names);
std::string JoinByline(const std::vector<NamedRef>& authors);

}  // namespace newsdesk

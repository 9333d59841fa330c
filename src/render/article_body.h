#pragma once

#include <string>

#include "content/model.h"

namespace newsdesk {

// The article's body as safe HTML, whichever format it is stored in.
std::string RenderBody(const Article& article);

}  // namespace newsdesk

#pragma once

#include <string>

#include "content/model.h"
#include "render/picture.h"

namespace newsdesk {

// The article's body as safe HTML, whichever format it is stored in. With
// `images`, uploaded images become figures (render/markdown.h), and in an
// email every image is kept within its width.
std::string RenderBody(const Article& article, const ImageContext* images = nullptr);
// The same for any body (a static page's).
std::string RenderBody(std::string_view body, BodyFormat format, const ImageContext* images = nullptr);

}  // namespace newsdesk

#pragma once

#include <string>
#include <string_view>

#include "render/picture.h"

namespace newsdesk {

// Markdown (GitHub flavour: tables, strikethrough, autolinks) to HTML. Raw HTML in
// the input is dropped and dangerous link schemes (javascript:, data: other than
// images) are removed, so the result is safe to place in a page unescaped.
// With `images`, an uploaded image alone in its paragraph
// (![alt](/media/<id>.jpg "caption")) becomes a <figure> with srcset, its
// caption (the title, else the upload's) and credit.
std::string RenderMarkdown(std::string_view markdown, const ImageContext* images = nullptr);

}  // namespace newsdesk

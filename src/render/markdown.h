#pragma once

#include <string>
#include <string_view>

namespace newsdesk {

// Markdown (GitHub flavour: tables, strikethrough, autolinks) to HTML. Raw HTML in
// the input is dropped and dangerous link schemes (javascript:, data: other than
// images) are removed, so the result is safe to place in a page unescaped.
std::string RenderMarkdown(std::string_view markdown);

}  // namespace newsdesk

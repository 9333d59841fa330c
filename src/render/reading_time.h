// How long an article takes to read: its words at 230 a minute, at least one.
#pragma once

#include <cstddef>
#include <string_view>

namespace newsdesk {

// The words of rendered body HTML as HtmlToText() would leave them (runs of
// characters between spaces, tabs and line breaks; a block's end and <br>
// break words, other tags do not; script, style and other dropped elements
// say nothing), counted in one pass over the HTML without parsing it into a
// tree: every article page counts its body's words, and the libxml2 parse
// was a tenth of export-static's time.
size_t CountHtmlWords(std::string_view html);

int ReadingMinutes(std::string_view body_html);

}  // namespace newsdesk

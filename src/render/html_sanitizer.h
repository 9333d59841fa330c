#pragma once

#include <string>
#include <string_view>

namespace newsdesk {

// Keeps the safe part of an HTML fragment (what imported articles bring): an
// allowlist of text-level and block elements with a few attributes each; links
// and images only with http(s), mailto or relative URLs. Scripts, styles,
// frames, forms and comments go entirely; other unknown elements are unwrapped
// (their text stays). Parsed with libxml2's HTML parser, which repairs broken
// markup the way browsers do; the output is serialised by hand so nothing the
// input said reaches the page unescaped.
std::string SanitizeHtml(std::string_view html);

// The text of an HTML fragment, paragraphs on lines of their own (plain-text email).
// `with_links`: a link's address follows its text ("the column <https://...>")
// when it differs from the text, as plain-text email shows links.
std::string HtmlToText(std::string_view html, bool with_links = false);

// Elements both of the above leave out with everything inside them (script,
// style, iframe, form, ...); `name` in lowercase.
bool IsDroppedElement(std::string_view name);


}  // namespace newsdesk

// A WordPress post's content as the HTML WordPress itself would show, for an
// import: the filters of `the_content` that shape the text, ported:
//   - block-editor markup (<!-- wp:... -->): kept as written, no paragraphs
//     added (as WordPress does); wp:embed blocks become embeds;
//   - classic content: wpautop, WordPress's own paragraph rules, ported from
//     its PHP regular expressions (PCRE, as PHP runs them); never inside <pre>;
//   - code blocks byte for byte, their language kept as class="language-x"
//     (<pre class="brush: x">, <pre lang="x">, [code language="x"], ...);
//   - [caption] -> <figure> with <figcaption>; [gallery] -> a figure of the
//     attachments' images; [embed], [video], [audio], Jetpack's [youtube];
//   - providers' iframes and URLs alone on a line -> embeds (render/embeds.h);
//     other iframes become links; other shortcodes are removed, their text kept.
// Everything converted or dropped is counted in the tally, by kind.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "transfer/import_tally.h"

namespace newsdesk {

// An uploaded file of the old site (an attachment item).
struct WordPressAttachment {
  std::string url;      // its address on the old site
  std::string alt;
  std::string caption;
  std::string parent;   // the post it was uploaded to
  std::string mime;     // "image/jpeg", "video/mp4"...
};

// WordPress's wpautop($text, $br = true).
std::string WpAutoP(std::string_view text, bool br = true);

// `record` names the post in the tally's examples ("post 123 (slug)").
std::string WordPressContentToHtml(std::string_view content, const std::string& post_id, const std::string& record,
                                   const std::map<std::string, WordPressAttachment>& attachments, ImportTally* tally);

}  // namespace newsdesk

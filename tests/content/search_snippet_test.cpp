#include "content/search_snippet.h"

#include <gtest/gtest.h>

#include "storage/search_index.h"

namespace newsdesk {
namespace {

// The snippet with its markers shown as [ and ].
std::string Shown(std::string_view text, std::string_view query, size_t words = 24) {
  std::string s = SearchSnippet(text, query, words);
  for (char& c : s) {
    if (c == kSnippetStart) c = '[';
    if (c == kSnippetEnd) c = ']';
  }
  return s;
}

TEST(SearchSnippet, MarksWordsCaseAndAccentsAside) {
  EXPECT_EQ(Shown("Talks in Genève resume.", "\"geneve\""), "Talks in [Genève] resume.");
  EXPECT_EQ(Shown("INFLATION rose; inflation fell.", "\"Inflation\""), "[INFLATION] rose; [inflation] fell.");
  // A word is matched whole, not inside another.
  EXPECT_EQ(Shown("Reinflation, not inflation.", "\"inflation\""), "Reinflation, not [inflation].");
  // Other scripts: letters and digits of any script make words.
  EXPECT_EQ(Shown("مفاوضات سوريا اليوم", "\"سوريا\""), "مفاوضات [سوريا] اليوم");
}

TEST(SearchSnippet, PhrasesAreOneMarkAndPrefixesMatchTheStart) {
  EXPECT_EQ(Shown("The policy leader spoke; policy was set by a leader.", "\"policy leader\""),
            "The [policy leader] spoke; policy was set by a leader.");
  EXPECT_EQ(Shown("Negotiators negotiated the negation.", "\"negoti\"*"),
            "[Negotiators] [negotiated] the negation.");
  EXPECT_EQ(Shown("Talks on the cease-fire held.", "\"cease fire\""), "Talks on the [cease-fire] held.");
}

TEST(SearchSnippet, ShowsTheWindowWithTheMostTermsAndSaysWhereItCut) {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "filler" + std::to_string(i) + " ";
  text += "kerry met lavrov in geneva";
  for (int i = 40; i < 80; ++i) text += " filler" + std::to_string(i);
  // "kerry" alone at the start loses to the place where both words are.
  std::string with_early = "kerry " + text;
  std::string s = Shown(with_early, "\"kerry\" \"lavrov\"", 10);
  EXPECT_EQ(s, "…filler38 filler39 [kerry] met [lavrov] in geneva filler40 filler41 filler42…");
  // Nothing matched: the start of the text.
  EXPECT_EQ(Shown("one two three four", "\"zanzibar\"", 3), "one two three…");
  EXPECT_EQ(Shown("one two three", "\"three\"", 24), "one two [three]");
}

TEST(SearchSnippet, MarkersInTheTextAreNotTakenForMarks) {
  std::string text = std::string("a") + kSnippetStart + "b word" + kSnippetEnd;
  EXPECT_EQ(Shown(text, "\"word\""), "a b [word]");
}

}  // namespace
}  // namespace newsdesk

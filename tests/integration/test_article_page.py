"""Around an article (issue #13): its authors' box, more from its column,
related articles by shared tags, share links that load nothing from the
networks, and the reading time."""
import re
import unittest

from harness import Server, article, load_seed

SLUG = "us-threatens-to-halt-talks-with-russia-on-syria"


class ArticlePageTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        seed = load_seed()
        seed["authors"][0]["bio"] = "Diplomatic correspondent in Washington."
        seed["columns"].append({"slug": "gulf", "name": "Gulf Pulse"})
        # Another column's article sharing two tags: related, not "more from".
        seed["articles"].append(article("gulf-talks", "2016-09-27T10:00:00Z", title="Gulf states weigh in",
                                        column="gulf", tags=("syria", "russia"), body="word " * 1000))
        cls.server = Server([seed]).start()
        cls.page = cls.server.get("/articles/" + SLUG)[2]

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def section(self, css_class):
        m = re.search(r'<(?:section|aside) class="%s"[^>]*>(.*?)</(?:section|aside)>' % css_class, self.page, re.S)
        return m.group(1) if m else ""

    def test_the_author_box_names_and_links_the_author_with_the_bio(self):
        box = self.section("author-box")
        self.assertIn('<a href="/authors/laura-rozen">Laura Rozen</a>', box)
        self.assertIn("Diplomatic correspondent in Washington.", box)

    def test_more_from_the_column_and_related_by_tags(self):
        more = re.findall(r'href="/articles/([^"]+)"', self.section("more-from"))
        self.assertEqual(len(more), 4)
        self.assertNotIn(SLUG, more)
        self.assertIn('More from <a href="/columns/back-channel">Back Channel</a>', self.page)
        related = re.findall(r'href="/articles/([^"]+)"', self.section("related"))
        self.assertIn("gulf-talks", related)  # another column, two shared tags
        self.assertFalse(set(related) & set(more) or SLUG in related)

    def test_share_links_are_plain_links(self):
        share = self.section("share-links")
        labels = re.findall(r">(Share [^<]+)</a>", share)
        self.assertEqual(labels, ["Share on X", "Share on Facebook", "Share on LinkedIn", "Share on WhatsApp",
                                  "Share by email"])
        self.assertIn("https://www.facebook.com/sharer/sharer.php?u=http", share)
        self.assertIn("%2Farticles%2F" + SLUG, share)
        # Nothing on the page loads from a network until a link is followed.
        for tag in re.findall(r"<(?:script|img|iframe|link)\b[^>]*>", self.page):
            for attr in re.findall(r'(?:src|href)="([^"]+)"', tag):
                self.assertFalse(attr.startswith("http") and "127.0.0.1" not in attr, tag)

    def test_reading_time(self):
        self.assertIn('<p class="article-reading-time">1 min read</p>', self.page)
        self.assertIn('<p class="article-reading-time">5 min read</p>', self.server.get("/articles/gulf-talks")[2])


    def test_the_front_page_leads_with_the_newest_then_the_latest_then_each_section(self):
        home = self.server.get("/")[2]
        main = home.split('<main id="main"')[1].split("</main>")[0]
        items = re.findall(r'<article class="listing-item( lead-story)?">\s*(?:<picture>.*?</picture>\s*)?'
                           r'<h2 class="listing-title"><a href="/articles/([^"]+)"', main, re.S)
        self.assertEqual(items[0], (" lead-story", SLUG))  # the newest, leading
        self.assertEqual([lead for lead, _ in items[1:]], [""] * (len(items) - 1))
        self.assertEqual(len(items), 7)  # every public article (six and gulf-talks), up to twenty
        self.assertLess(main.index("lead-story"), main.index(">Latest</h2>"))
        sections = re.findall(r'<section class="front-section" aria-labelledby="section-([^"]+)">', main)
        self.assertEqual(sections, ["back-channel", "gulf"])
        gulf = main.split('id="section-gulf"')[1]
        self.assertIn('href="/articles/gulf-talks"', gulf)


if __name__ == "__main__":
    unittest.main()

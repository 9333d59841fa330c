"""Several app nodes on one database: what one node writes, every node shows.

On PostgreSQL (NEWSDESK_TEST_PG_URL) these are the several-machine setup of
docs/deploy.md; on SQLite the nodes are processes sharing one file.
"""
import time
import unittest

from admin_client import api
from harness import Server, article, load_seed, run_cli


def title_of(page):
    start = page.find("<h1")
    return page[page.find(">", start) + 1:page.find("</h1>", start)]


class ThreeNodesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.a = Server([load_seed()]).start()
        cls.b = Server(db=cls.a.db).start()
        cls.c = Server(db=cls.a.db).start()
        cls.token = run_cli(cls.a.db, "token", "create", "--name", "nodes", "--role", "editor").stdout.strip()

    @classmethod
    def tearDownClass(cls):
        for node in (cls.c, cls.b, cls.a):
            node.close()

    def seen_everywhere(self, path, text, nodes):
        """Polls each node for `text` at `path`; the seconds until all showed it."""
        start = time.time()
        waiting = list(nodes)
        while waiting and time.time() - start < 5:
            waiting = [n for n in waiting if text not in n.get(path)[2]]
            if waiting:
                time.sleep(0.05)
        self.assertEqual(waiting, [], "%s never showed %r" % (path, text))
        return time.time() - start

    def test_an_edit_on_one_node_shows_on_the_others_within_a_second(self):
        slug = "us-threatens-to-halt-talks-with-russia-on-syria"
        path = "/articles/" + slug
        for node in (self.a, self.b, self.c):  # cached on every node from here on
            self.assertEqual(node.get(path)[0], 200)
            self.assertEqual(node.get("/columns/back-channel")[0], 200)
        status, _, body = api(self.a, "PATCH", "/api/admin/articles/" + slug, self.token,
                              {"title": "Edited on node A"})
        self.assertEqual(status, 200, body)
        took = self.seen_everywhere(path, "Edited on node A", [self.b, self.c])
        self.assertLess(took, 1.0)
        self.seen_everywhere("/columns/back-channel", "Edited on node A", [self.b, self.c])
        self.assertEqual(title_of(self.b.get(path)[2]), title_of(self.c.get(path)[2]))

    def test_a_new_article_and_a_deletion_show_everywhere(self):
        when = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 60))
        for node in (self.a, self.b, self.c):
            node.get("/")
        status, _, body = api(self.b, "POST", "/api/admin/articles", self.token,
                              article("from-node-b", when, title="Written on node B"))
        self.assertEqual(status, 201, body)
        self.seen_everywhere("/", "Written on node B", [self.a, self.c])
        self.seen_everywhere("/feed.xml", "Written on node B", [self.a, self.c])
        status, _, _ = api(self.c, "DELETE", "/api/admin/articles/from-node-b", self.token)
        self.assertIn(status, (200, 204))
        start = time.time()
        while time.time() - start < 5 and any(n.get("/articles/from-node-b")[0] != 404 for n in (self.a, self.b)):
            time.sleep(0.05)
        self.assertEqual([n.get("/articles/from-node-b")[0] for n in (self.a, self.b)], [404, 404])


if __name__ == "__main__":
    unittest.main()

"""Writes a WordPress export of about SIZE_MB megabytes (default 50) made of
tests/fixtures/wordpress/newsroom.xml's posts repeated with new ids and
slugs, each body padded with paragraphs of text, to the path given."""
import re
import sys

ROOT = __file__.rsplit("/bench/", 1)[0]
out_path = sys.argv[1]
size_mb = float(sys.argv[2]) if len(sys.argv) > 2 else 50
src = open(ROOT + "/tests/fixtures/wordpress/newsroom.xml", encoding="utf-8").read()
head, rest = src.split("\t<item>", 1)
items = ("\t<item>" + rest.rsplit("</channel>", 1)[0]).split("\t<item>")
posts = [i for i in items if "<wp:post_type><![CDATA[post]]>" in i and "brouillon" not in i]
filler = ("<p>" + "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 20 + "</p>\n") * 6
n = 0
size = 0
with open(out_path, "w", encoding="utf-8") as out:
    out.write(head)
    while size < size_mb * 1024 * 1024:
        for p in posts:
            n += 1
            q = p.replace("<wp:post_id>", "<wp:post_id>9%06d" % n, 1)
            q = re.sub(r"<wp:post_name><!\[CDATA\[([^\]]*)\]\]>",
                       lambda m: "<wp:post_name><![CDATA[p%d-%s]]>" % (n, m.group(1)[:50]), q, count=1)
            q = q.replace("<content:encoded><![CDATA[", "<content:encoded><![CDATA[" + filler, 1)
            item = "\t<item>" + q
            out.write(item)
            size += len(item.encode())
    out.write("</channel>\n</rss>\n")
print(n)

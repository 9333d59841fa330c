#include "mail/mime_message.h"

#include <gtest/gtest.h>

namespace newsdesk::mail {
namespace {

TEST(Mailbox, ParsesNameAndAddress) {
  auto m = ParseMailbox("Al-Monitor <news@al-monitor.test>");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->name, "Al-Monitor");
  EXPECT_EQ(m->address, "news@al-monitor.test");
  EXPECT_EQ(ParseMailbox("\"Quoted, Name\" <a@b.c>")->name, "Quoted, Name");
  EXPECT_EQ(ParseMailbox("a@b.c")->address, "a@b.c");
  EXPECT_FALSE(ParseMailbox("Name <a@b.c>\r\nBcc: x@y.z"));
  EXPECT_FALSE(ParseMailbox("no address"));
}

TEST(HeaderEncoding, AsciiStaysPlainOtherTextBecomesEncodedWords) {
  EXPECT_EQ(EncodeHeaderText("Plain subject"), "Plain subject");
  EXPECT_EQ(EncodeHeaderText("Ünïcode"), "=?UTF-8?B?w5xuw69jb2Rl?=");
  EXPECT_EQ(EncodeHeaderText("two\r\nlines"), "two  lines");
  std::string long_text;
  for (int i = 0; i < 40; ++i) long_text += "é";
  std::string encoded = EncodeHeaderText(long_text);
  size_t start = 0;
  while (start < encoded.size()) {
    size_t end = encoded.find("\r\n ", start);
    std::string word = encoded.substr(start, end == std::string::npos ? std::string::npos : end - start);
    EXPECT_LE(word.size(), 75u) << word;
    EXPECT_EQ(word.substr(0, 10), "=?UTF-8?B?");
    start = end == std::string::npos ? encoded.size() : end + 3;
  }
}

TEST(MimeMessage, SerialisesMultipartAlternative) {
  MimeMessage m;
  m.from = {"Al-Monitor", "news@al-monitor.test"};
  m.to = {"", "reader@example.com"};
  m.subject = "Kerry & Lavrov — talks";
  m.message_id = "newsletter.a1.s2@al-monitor.test";
  m.date = 1475071200;
  m.headers = {{"List-Unsubscribe", "<http://x/u?token=1.a>"}, {"X-Bad", "evil\r\nBcc: x@y.z"}};
  m.text = "Line one\nLine two";
  m.html = "<p>Hi</p>";
  std::string s = m.Serialize();
  EXPECT_NE(s.find("From: \"Al-Monitor\" <news@al-monitor.test>\r\n"), std::string::npos);
  EXPECT_NE(s.find("To: reader@example.com\r\n"), std::string::npos);
  EXPECT_NE(s.find("Subject: =?UTF-8?B?"), std::string::npos);
  EXPECT_NE(s.find("Date: Wed, 28 Sep 2016 14:00:00 +0000\r\n"), std::string::npos);
  EXPECT_NE(s.find("Message-ID: <newsletter.a1.s2@al-monitor.test>\r\n"), std::string::npos);
  EXPECT_NE(s.find("List-Unsubscribe: <http://x/u?token=1.a>\r\n"), std::string::npos);
  EXPECT_EQ(s.find("X-Bad"), std::string::npos);  // a header with CR/LF is dropped, not sent
  EXPECT_EQ(s.find("Bcc"), std::string::npos);
  EXPECT_NE(s.find("Content-Type: multipart/alternative;"), std::string::npos);
  EXPECT_NE(s.find("Content-Type: text/plain; charset=utf-8"), std::string::npos);
  EXPECT_NE(s.find("Content-Type: text/html; charset=utf-8"), std::string::npos);
  EXPECT_NE(s.find("TGluZSBvbmUNCkxpbmUgdHdv"), std::string::npos);  // "Line one\r\nLine two"
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\n') {
      EXPECT_EQ(s[i - 1], '\r') << "bare LF at " << i;
    }
    EXPECT_LT(static_cast<unsigned char>(s[i]), 0x80);
  }
}

}  // namespace
}  // namespace newsdesk::mail

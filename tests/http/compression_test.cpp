#include "http/compression.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include "http/conditional.h"

namespace newsdesk::http {
namespace {

Response Page(size_t size) {
  Response r = Response::Html(200, std::string(size, 'a'));
  r.headers.emplace_back("ETag", "\"abc\"");
  return r;
}

Request Accepting(std::string encodings) {
  Request r;
  r.headers = {{"accept-encoding", std::move(encodings)}};
  return r;
}

std::string Header(const Response& r, const std::string& name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return "";
}

TEST(Compression, PrefersBrotliThenGzip) {
  Response r = Page(5000);
  CompressResponse(Accepting("gzip, deflate, br, zstd"), &r);
  EXPECT_EQ(Header(r, "Content-Encoding"), "br");
  EXPECT_EQ(Header(r, "ETag"), "\"abc-br\"");
  EXPECT_LT(r.body.size(), 100u);

  r = Page(5000);
  CompressResponse(Accepting("gzip"), &r);
  EXPECT_EQ(Header(r, "Content-Encoding"), "gzip");
  EXPECT_EQ(Header(r, "Vary"), "Accept-Encoding");
  std::string out(5000, '\0');
  uLongf n = out.size();
  z_stream z{};
  inflateInit2(&z, 15 + 16);
  z.next_in = reinterpret_cast<Bytef*>(r.body.data());
  z.avail_in = static_cast<uInt>(r.body.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(n);
  EXPECT_EQ(inflate(&z, Z_FINISH), Z_STREAM_END);
  inflateEnd(&z);
  EXPECT_EQ(out, std::string(5000, 'a'));
}

TEST(Compression, LeavesAloneWhatShouldNotBeCompressed) {
  Response small = Page(100);
  CompressResponse(Accepting("br"), &small);
  EXPECT_EQ(Header(small, "Content-Encoding"), "");
  Response refused = Page(5000);
  CompressResponse(Accepting("br;q=0, gzip;q=0"), &refused);
  EXPECT_EQ(Header(refused, "Content-Encoding"), "");
  Response none = Page(5000);
  CompressResponse(Request{}, &none);
  EXPECT_EQ(none.body.size(), 5000u);
  Response image = Page(5000);
  image.content_type = "image/png";
  CompressResponse(Accepting("br"), &image);
  EXPECT_EQ(Header(image, "Content-Encoding"), "");
}

TEST(Compression, CompressedEtagsStillValidate) {
  Request r = Accepting("br");
  r.headers.emplace_back("if-none-match", "\"" + std::string(16, '0') + "\"");
  Response page = Response::Html(200, "body");
  Response answered = WithValidators(r, page, 0);
  std::string etag = Header(answered, "ETag");
  Request again = Accepting("br");
  again.headers.emplace_back("if-none-match", etag.substr(0, etag.size() - 1) + "-br\"");
  EXPECT_EQ(WithValidators(again, page, 0).status, 304);
}

}  // namespace
}  // namespace newsdesk::http

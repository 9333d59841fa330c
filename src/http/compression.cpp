#include "http/compression.h"

#include <brotli/encode.h>
#include <zlib.h>

#include <string_view>

namespace newsdesk::http {
namespace {

constexpr size_t kMinSize = 1024;
// Quality 5 / level 6: most of the saving for little CPU on pages made per request.
constexpr int kBrotliQuality = 5;
constexpr int kGzipLevel = 6;

bool IsCompressible(std::string_view type) {
  return type.starts_with("text/") || type.find("xml") != std::string_view::npos ||
         type.find("json") != std::string_view::npos || type.find("javascript") != std::string_view::npos;
}

// True when `coding` is listed in Accept-Encoding with a q-value above zero.
bool Accepts(std::string_view header, std::string_view coding) {
  while (!header.empty()) {
    size_t comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    std::string_view name = item.substr(0, item.find(';'));
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (name != coding) continue;
    size_t q = item.find("q=");
    if (q == std::string_view::npos) return true;
    std::string_view value = item.substr(q + 2);
    return !(value.starts_with("0") && value.find_first_not_of("0.") == std::string_view::npos) ;
  }
  return false;
}

bool Brotli(const std::string& in, std::string* out) {
  size_t size = BrotliEncoderMaxCompressedSize(in.size());
  if (size == 0) return false;
  out->resize(size);
  if (!BrotliEncoderCompress(kBrotliQuality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, in.size(),
                             reinterpret_cast<const uint8_t*>(in.data()), &size,
                             reinterpret_cast<uint8_t*>(out->data()))) {
    return false;
  }
  out->resize(size);
  return true;
}

bool Gzip(const std::string& in, std::string* out) {
  z_stream z{};
  if (deflateInit2(&z, kGzipLevel, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return false;
  out->resize(deflateBound(&z, in.size()) + 32);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out->data());
  z.avail_out = static_cast<uInt>(out->size());
  int rc = deflate(&z, Z_FINISH);
  out->resize(z.total_out);
  deflateEnd(&z);
  return rc == Z_STREAM_END;
}

}  // namespace

void CompressResponse(const Request& request, Response* response) {
  if (response->status != 200 || response->body.size() < kMinSize || !IsCompressible(response->content_type)) {
    return;
  }
  for (const auto& [name, value] : response->headers) {
    if (name == "Content-Encoding") return;
  }
  std::string_view accept = request.Header("accept-encoding");
  std::string compressed;
  const char* coding = nullptr;
  if (Accepts(accept, "br") && Brotli(response->body, &compressed)) {
    coding = "br";
  } else if (Accepts(accept, "gzip") && Gzip(response->body, &compressed)) {
    coding = "gzip";
  }
  response->headers.emplace_back("Vary", "Accept-Encoding");
  if (!coding || compressed.size() >= response->body.size()) return;
  response->body = std::move(compressed);
  response->headers.emplace_back("Content-Encoding", coding);
  for (auto& [name, value] : response->headers) {
    if (name == "ETag" && value.size() > 2 && value.front() == '"') {
      value.insert(value.size() - 1, coding[0] == 'b' ? "-br" : "-gz");
    }
  }
}

}  // namespace newsdesk::http

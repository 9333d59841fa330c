#include "mail/dkim_signer.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sodium.h>

#include <cctype>
#include <cstdio>
#include <vector>

namespace newsdesk::mail {
namespace {

// Signed when present, in this order.
constexpr const char* kSignedHeaders[] = {"from", "to", "subject", "date", "message-id", "mime-version",
                                          "list-id", "list-unsubscribe", "list-unsubscribe-post",
                                          "content-type"};

std::string Base64(const unsigned char* data, size_t n) {
  std::string out(sodium_base64_encoded_len(n, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), data, n, sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.find('\0'));
  return out;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

struct HeaderField {
  std::string name;
  std::string value;  // as sent, folding included
};

std::vector<HeaderField> ParseHeaders(std::string_view head) {
  std::vector<HeaderField> out;
  size_t pos = 0;
  while (pos < head.size()) {
    size_t end = head.find("\r\n", pos);
    if (end == std::string_view::npos) end = head.size();
    std::string_view line = head.substr(pos, end - pos);
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t') && !out.empty()) {
      out.back().value += "\r\n";
      out.back().value += line;
    } else {
      size_t colon = line.find(':');
      if (colon != std::string_view::npos) {
        out.push_back({std::string(line.substr(0, colon)), std::string(line.substr(colon + 1))});
      }
    }
    pos = end + 2;
  }
  return out;
}

}  // namespace

std::string DkimSigner::CanonicalHeader(const std::string& name, const std::string& value) {
  std::string v;
  bool space = false;
  for (char c : value) {
    if (c == '\r' || c == '\n') continue;  // unfold
    if (c == ' ' || c == '\t') {
      space = true;
      continue;
    }
    if (space && !v.empty()) v += ' ';
    space = false;
    v += c;
  }
  std::string n = name;
  while (!n.empty() && (n.back() == ' ' || n.back() == '\t')) n.pop_back();
  return Lower(n) + ":" + v + "\r\n";
}

std::string DkimSigner::CanonicalBody(std::string_view body) {
  std::vector<std::string> lines;
  size_t pos = 0;
  while (pos < body.size()) {
    size_t end = body.find("\r\n", pos);
    if (end == std::string_view::npos) end = body.size();
    std::string line;
    bool space = false;
    for (char c : body.substr(pos, end - pos)) {
      if (c == ' ' || c == '\t') {
        space = true;
        continue;
      }
      if (space) line += ' ';
      space = false;
      line += c;
    }
    lines.push_back(std::move(line));  // trailing white space dropped with `space`
    pos = end + 2;
  }
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  std::string out;
  for (const auto& l : lines) out += l + "\r\n";
  return out;
}

Result<std::unique_ptr<DkimSigner>> DkimSigner::Load(const std::string& domain, const std::string& selector,
                                                     const std::string& key_file) {
  FILE* f = std::fopen(key_file.c_str(), "r");
  if (!f) return Error{"dkim", "key", "cannot open " + key_file};
  EVP_PKEY* key = PEM_read_PrivateKey(f, nullptr, nullptr, nullptr);
  std::fclose(f);
  if (!key) return Error{"dkim", "key", key_file + " is not a PEM private key"};
  if (EVP_PKEY_base_id(key) != EVP_PKEY_RSA) {
    EVP_PKEY_free(key);
    return Error{"dkim", "key", key_file + " is not an RSA key"};
  }
  std::unique_ptr<DkimSigner> s(new DkimSigner());
  s->domain_ = domain;
  s->selector_ = selector;
  s->key_ = key;
  return s;
}

DkimSigner::~DkimSigner() { EVP_PKEY_free(static_cast<EVP_PKEY*>(key_)); }

std::string DkimSigner::Sign(const std::string& message, UnixSeconds now) const {
  size_t split = message.find("\r\n\r\n");
  std::string_view head = std::string_view(message).substr(0, split);
  std::string_view body = split == std::string::npos ? std::string_view{} : std::string_view(message).substr(split + 4);

  std::string canon_body = CanonicalBody(body);
  unsigned char hash[EVP_MAX_MD_SIZE];
  unsigned int hash_len = 0;
  EVP_Digest(canon_body.data(), canon_body.size(), hash, &hash_len, EVP_sha256(), nullptr);

  std::vector<HeaderField> fields = ParseHeaders(head);
  std::string signed_names, to_sign;
  for (const char* wanted : kSignedHeaders) {
    for (auto it = fields.rbegin(); it != fields.rend(); ++it) {  // the last instance, as RFC 6376 5.4.2 says
      if (Lower(it->name) == wanted) {
        if (!signed_names.empty()) signed_names += ':';
        signed_names += wanted;
        to_sign += CanonicalHeader(it->name, it->value);
        break;
      }
    }
  }
  std::string value = " v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + domain_ + "; s=" + selector_ +
                      "; t=" + std::to_string(now) + "; h=" + signed_names + "; bh=" + Base64(hash, hash_len) +
                      "; b=";
  std::string sig_header = CanonicalHeader("DKIM-Signature", value);
  to_sign += sig_header.substr(0, sig_header.size() - 2);  // without its CRLF

  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  size_t sig_len = 0;
  std::vector<unsigned char> sig;
  if (EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, static_cast<EVP_PKEY*>(key_)) == 1 &&
      EVP_DigestSign(ctx, nullptr, &sig_len, reinterpret_cast<const unsigned char*>(to_sign.data()),
                     to_sign.size()) == 1) {
    sig.resize(sig_len);
    if (EVP_DigestSign(ctx, sig.data(), &sig_len, reinterpret_cast<const unsigned char*>(to_sign.data()),
                       to_sign.size()) != 1) {
      sig.clear();
    }
  }
  EVP_MD_CTX_free(ctx);
  if (sig.empty()) return {};  // unsigned rather than wrongly signed
  return "DKIM-Signature:" + value + Base64(sig.data(), sig_len) + "\r\n";
}

}  // namespace newsdesk::mail

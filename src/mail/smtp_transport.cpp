#include "mail/smtp_transport.h"

#include <curl/curl.h>

#include <cstring>
#include <mutex>

namespace newsdesk::mail {

struct SmtpConnection::Impl {
  SmtpConfig config;
  CURL* curl = nullptr;
  // The message being uploaded and how much of it curl has read.
  const std::string* data = nullptr;
  size_t offset = 0;

  static size_t Read(char* buffer, size_t size, size_t count, void* self_ptr) {
    auto* self = static_cast<Impl*>(self_ptr);
    size_t n = std::min(size * count, self->data->size() - self->offset);
    std::memcpy(buffer, self->data->data() + self->offset, n);
    self->offset += n;
    return n;
  }
};

SmtpConnection::SmtpConnection(SmtpConfig config) : impl_(std::make_unique<Impl>()) {
  static std::once_flag init;
  std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  impl_->config = std::move(config);
  impl_->curl = curl_easy_init();
  CURL* c = impl_->curl;
  curl_easy_setopt(c, CURLOPT_URL, impl_->config.url.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, ("<" + impl_->config.from.address + ">").c_str());
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, &Impl::Read);
  curl_easy_setopt(c, CURLOPT_READDATA, impl_.get());
  // STARTTLS when offered on smtp://; smtps:// is TLS throughout.
  curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  curl_easy_setopt(c, CURLOPT_TIMEOUT, impl_->config.timeout_seconds);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(c, CURLOPT_MAXAGE_CONN, 60L);  // an idle connection older than this is not reused
}

SmtpConnection::~SmtpConnection() {
  if (impl_->curl) curl_easy_cleanup(impl_->curl);
}

SendResult SmtpConnection::Send(const std::string& recipient, const std::string& data, const std::string& sender) {
  CURL* c = impl_->curl;
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, ("<" + (sender.empty() ? impl_->config.from.address : sender) + ">").c_str());
  impl_->data = &data;
  impl_->offset = 0;
  std::string rcpt = "<" + recipient + ">";
  curl_slist* rcpts = curl_slist_append(nullptr, rcpt.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpts);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(data.size()));
  CURLcode rc = curl_easy_perform(c);
  long code = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, nullptr);
  curl_slist_free_all(rcpts);
  impl_->data = nullptr;

  if (rc == CURLE_OK) return {SendResult::Kind::kSent, static_cast<int>(code), {}};
  std::string error = std::string(curl_easy_strerror(rc));
  if (code > 0) error = std::to_string(code) + " " + error;
  if (code >= 500 && code < 600) return {SendResult::Kind::kPermanent, static_cast<int>(code), error};
  return {SendResult::Kind::kTemporary, static_cast<int>(code), error};
}

}  // namespace newsdesk::mail

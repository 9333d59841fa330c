// DKIM signatures (RFC 6376): rsa-sha256, relaxed/relaxed canonicalisation,
// covering the headers that identify the message and, as RFC 8058 asks, the
// List-Unsubscribe pair. The private key is a PEM file named in the settings.
#pragma once

#include <memory>
#include <string>

#include "base/status.h"
#include "content/model.h"

namespace newsdesk::mail {

class DkimSigner {
 public:
  static Result<std::unique_ptr<DkimSigner>> Load(const std::string& domain, const std::string& selector,
                                                  const std::string& key_file);
  ~DkimSigner();

  // The "DKIM-Signature: ...\r\n" header for a serialised message (CRLF line
  // ends, headers then a blank line then the body); put it in front.
  std::string Sign(const std::string& message, UnixSeconds now) const;

  // The relaxed forms, exposed for tests.
  static std::string CanonicalHeader(const std::string& name, const std::string& value);
  static std::string CanonicalBody(std::string_view body);

 private:
  DkimSigner() = default;
  std::string domain_;
  std::string selector_;
  void* key_ = nullptr;  // EVP_PKEY*, kept out of this header
};

}  // namespace newsdesk::mail

// Subscriber records as the GDPR asks of them: everything about a subscriber
// exported as CSV, and erasure that forgets them yet never mails an address
// that bounced for good again (its keyed hash stays; tokens.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "content/model.h"
#include "newsletter/newsletter_store.h"

namespace newsdesk {

// Every subscriber as CSV (RFC 4180, CRLF): id, email, state, subscribed to,
// since (RFC 3339). A cell a spreadsheet would run as a formula (=, +, -, @)
// is prefixed with a quote mark.
std::string SubscribersCsv(NewsletterStore& store);

// Erases subscriber `id`; false when there is none.
bool EraseSubscriber(NewsletterStore& store, std::int64_t id, UnixSeconds now);

// Adds an import's readers (addresses checked and normalised here; bad ones
// counted in `refused`), never one an erasure left suppressed.
ImportedSubscribers ImportSubscribers(NewsletterStore& store, const std::vector<ImportedSubscriber>& readers,
                                      UnixSeconds now, int* refused);

// One CSV cell, quoted when it must be.
std::string CsvCell(std::string_view text);

}  // namespace newsdesk

#include "newsletter/subscriber_records.h"

#include "newsletter/email_address.h"

#include "content/dates.h"
#include "newsletter/tokens.h"

namespace newsdesk {

std::string CsvCell(std::string_view text) {
  std::string cell(text);
  if (!cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@')) cell = "'" + cell;
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string out = "\"";
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string SubscribersCsv(NewsletterStore& store) {
  std::string out = "id,email,state,subscribed_to,since\r\n";
  store.ForEachSubscriber([&out](const SubscriberSummary& s) {
    out += std::to_string(s.id) + "," + CsvCell(s.email) + "," + CsvCell(s.state) + "," + CsvCell(s.scopes) + "," +
           FormatRfc3339Utc(s.created_at) + "\r\n";
  });
  return out;
}

bool EraseSubscriber(NewsletterStore& store, std::int64_t id, UnixSeconds now) {
  auto subscriber = store.FindSubscriber(id);
  if (!subscriber) return false;
  std::string secret = store.Secret(RandomToken());
  return store.EraseSubscriber(id, SuppressionHash(subscriber->email, secret), now);
}

ImportedSubscribers ImportSubscribers(NewsletterStore& store, const std::vector<ImportedSubscriber>& readers,
                                      UnixSeconds now, int* refused) {
  std::vector<ImportedSubscriber> valid;
  for (const auto& r : readers) {
    if (!EmailProblem(r.email).empty()) {
      ++*refused;
      continue;
    }
    valid.push_back({NormaliseEmail(r.email), r.confirmed});
  }
  std::string secret = store.Secret(RandomToken());
  return store.ImportSubscribers(valid, now, [&](const std::string& email) { return SuppressionHash(email, secret); });
}

}  // namespace newsdesk

#include "admin/accounts.h"

#include <sodium.h>

#include <stdexcept>

#include "admin/staff.h"
#include "newsletter/email_address.h"
#include "newsletter/tokens.h"

namespace newsdesk {

const char* ToString(Role role) {
  switch (role) {
    case Role::kContributor: return "contributor";
    case Role::kAuthor: return "author";
    case Role::kEditor: return "editor";
    case Role::kAdmin: return "admin";
  }
  return "contributor";
}

std::optional<Role> ParseRole(const std::string& text) {
  if (text == "contributor") return Role::kContributor;
  if (text == "author") return Role::kAuthor;
  if (text == "editor") return Role::kEditor;
  if (text == "admin") return Role::kAdmin;
  return std::nullopt;
}

std::string HashPassword(const std::string& password) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw std::runtime_error("out of memory hashing a password");
  }
  return out;
}

bool VerifyPassword(const std::string& hash, const std::string& password) {
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

Status AddUser(AccountStore& store, const std::string& email, const std::string& name, const std::string& role,
               const std::string& password, UnixSeconds now, const std::string& author_slug) {
  std::string record = "user " + email;
  if (std::string problem = EmailProblem(email); !problem.empty()) return Error{record, "email", problem};
  if (name.empty() || name.size() > 200) return Error{record, "name", "must be 1 to 200 characters"};
  auto r = ParseRole(role);
  if (!r) return Error{record, "role", "'" + role + "' is not one of admin, editor, author, contributor"};
  if (Status st = PasswordProblem(record, password); !st.ok()) return st;
  if (!store.AddUser({NormaliseEmail(email), name, *r, HashPassword(password), author_slug}, now)) {
    return Error{record, "email", "is taken by another user"};
  }
  return Status::Ok();
}

Result<std::string> CreateToken(AccountStore& store, const std::string& name, const std::string& role,
                                UnixSeconds now, const std::string& user) {
  if (name.empty() || name.size() > 200) return Error{"token", "name", "must be 1 to 200 characters"};
  std::optional<Role> r;
  if (!user.empty()) {
    auto account = store.FindUser(user);
    if (!account || account->deactivated_at) return Error{"token " + name, "user", "no active account " + user};
    r = account->role;
  } else {
    r = ParseRole(role);
  }
  if (!r) return Error{"token " + name, "role", "'" + role + "' is not one of admin, editor, author, contributor"};
  std::string token = "nd_" + RandomToken();
  store.AddToken(name, *r, HashToken(token), now, user.empty() ? "" : NormaliseEmail(user));
  return token;
}

std::optional<TokenInfo> Authenticate(AccountStore& store, const std::string& token, UnixSeconds now,
                                      bool* noted) {
  if (token.size() < 10 || token.size() > 200) return std::nullopt;
  return store.UseToken(HashToken(token), now, noted);
}

}  // namespace newsdesk

#pragma once

#include <string>
#include <string_view>

namespace newsdesk {

// Checks an address typed into the subscribe form. Returns "" when it is
// usable, else a message for the reader. Refused: CR, LF or any control or
// space character (no header injection), more than 254 bytes, no single '@',
// an empty or over-long local part, a domain without a dot, and non-ASCII
// (SMTPUTF8 is not assumed of the mail server).
std::string EmailProblem(std::string_view address);

// The address as stored: surrounding spaces removed, domain lowercased.
std::string NormaliseEmail(std::string_view address);

}  // namespace newsdesk

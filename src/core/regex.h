// Regexes from rule data. std::regex (ECMAScript) has no inline flags, so a leading "(?i)" is
// read here and turned into the icase flag.
#pragma once

#include <regex>
#include <string>

namespace obolint {

// Throws std::regex_error (with the pattern in what()) when the pattern is invalid.
std::regex compile_regex(const std::string& pattern);

}  // namespace obolint

#include "core/regex.h"

namespace obolint {

std::regex compile_regex(const std::string& pattern) {
  auto flags = std::regex::ECMAScript | std::regex::optimize;
  std::string body = pattern;
  if (body.rfind("(?i)", 0) == 0) {
    flags |= std::regex::icase;
    body = body.substr(4);
  }
  return std::regex(body, flags);
}

}  // namespace obolint

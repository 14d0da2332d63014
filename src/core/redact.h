// Secrets never leave obolint whole: every message, snippet and report goes through here.
#pragma once

#include <string>
#include <string_view>

namespace obolint {

// At most the first 4 and last 4 characters, and only when at least 8 stay hidden:
// "dapi0123…cdef" style; short values become "****".
std::string redact_secret(std::string_view secret);

}  // namespace obolint

// TOML from a scanned repository (.obolint.toml, pyproject.toml) parsed without trusting its
// shape: toml++ builds one nested table per part of a dotted key or table name and walks them
// recursively, so a 300 000-part `[a.a.a...]` exhausts the stack. The text is checked first.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include <toml++/toml.h>

namespace obolint {

// Parts of one dotted key or table name, and brackets open at once (arrays, inline tables).
inline constexpr int kMaxTomlKeyParts = 64;
inline constexpr int kMaxTomlNesting = 64;

// Throws toml::parse_error (at the offending line and column) when `text` goes beyond either
// limit; linear in the text, no recursion.
void check_toml_limits(std::string_view text, std::string_view path);

// check_toml_limits, then toml::parse. Throws toml::parse_error.
toml::table parse_toml_text(std::string_view text, std::string_view path);

// The same for a file: read only when it is a regular file of at most 4 MiB (else a
// toml::parse_error saying why, at line 1).
toml::table parse_toml_file(const std::filesystem::path& file);

}  // namespace obolint

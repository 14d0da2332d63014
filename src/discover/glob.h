// Glob matching with gitignore semantics: `*` and `?` stop at '/', `**` crosses directories,
// `[a-z]` / `[!a-z]` classes, `\` escapes.
#pragma once

#include <string_view>

namespace obolint {

bool glob_match(std::string_view pattern, std::string_view path);

}  // namespace obolint

// How deeply a JSON text nests arrays and objects, found without parsing it: recursive parsers
// (llvm::json, nlohmann::json, YAML) must not see input deeper than they can recurse.
#pragma once

#include <string_view>

namespace obolint {

// Deepest nesting of arrays and objects (strings skipped, escapes honoured).
int json_nesting(std::string_view text);

// False as soon as the text nests deeper than `max_depth`.
bool json_nesting_within(std::string_view text, int max_depth);

}  // namespace obolint

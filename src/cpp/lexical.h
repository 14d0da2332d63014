// Lexical string chains: every string literal of a file found with Clang's raw lexer (no
// preprocessing, no parsing), joined with adjacent literals and `+` operands. Catches literals the
// AST does not hold (a constructor call on an unknown type, code in #if 0, unused macros).
#pragma once

#include <string>
#include <vector>

#include "cpp/cpp_rules.h"

namespace obolint::cpp {

// `content` must be NUL-terminated past its end (std::string is). The arguments of the rules'
// concat_calls and format_calls (`fmt::format("...", 1, id)`) form one chain.
std::vector<Chain> lexical_chains(const std::string& content, const CppRules& rules);

}  // namespace obolint::cpp

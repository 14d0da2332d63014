// Where Clang's recovery AST lost code: occurrences of names the token flow follows (variables,
// helpers) that no AST node holds. A recovery parse (recovery.h) is worth its cost only where the
// token's code was lost.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include <clang/AST/ASTContext.h>

#include "cpp/ast_util.h"

namespace obolint::cpp {

// Offsets of the identifiers in `names` spelled in the file's code (not in comments or
// literals) where the AST of the main file has no node.
std::vector<std::size_t> lost_occurrences(const SourceMap& map, const std::set<std::string>& names);

}  // namespace obolint::cpp

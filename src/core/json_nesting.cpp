#include "core/json_nesting.h"

#include <algorithm>

namespace obolint {
namespace {

// Walks the text once; stops early when `limit` (>= 0) is exceeded. Returns the deepest level
// seen, or limit + 1 when it stopped.
int walk_nesting(std::string_view text, int limit) {
  int depth = 0, deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
      if (limit >= 0 && deepest > limit) return deepest;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

}  // namespace

int json_nesting(std::string_view text) {
  return walk_nesting(text, -1);
}

bool json_nesting_within(std::string_view text, int max_depth) {
  return walk_nesting(text, max_depth) <= max_depth;
}

}  // namespace obolint

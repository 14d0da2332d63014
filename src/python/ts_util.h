// Small helpers over the tree-sitter C API, shared by every Python analysis.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <tree_sitter/api.h>

namespace obolint::py {

inline bool is(TSNode n, std::string_view type) {
  return !ts_node_is_null(n) && type == ts_node_type(n);
}
inline std::string_view type_of(TSNode n) {
  return ts_node_is_null(n) ? "" : ts_node_type(n);
}
// The grammar's id of a field name, looked up once per name: tree-sitter's own lookup scans every
// field name of the grammar, about a tenth of a token-flow run when done at each call.
TSFieldId field_id(const TSLanguage* language, const char* name);
inline TSNode field(TSNode n, const char* name) {
  if (ts_node_is_null(n)) return TSNode{};  // an absent node has no fields
  return ts_node_child_by_field_id(n, field_id(ts_tree_language(n.tree), name));
}
inline std::string_view text_of(TSNode n, std::string_view src) {
  if (ts_node_is_null(n)) return {};
  uint32_t b = ts_node_start_byte(n), e = ts_node_end_byte(n);
  if (e > src.size() || b > e) return {};
  return src.substr(b, e - b);
}
std::vector<TSNode> named_children(TSNode n);

// Calls f(node) for every node under root (pre-order). f returns false to skip a node's children.
template <class F>
void walk(TSNode root, F&& f) {
  if (ts_node_is_null(root)) return;  // an absent field (incomplete code): nothing to visit
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  bool descend = true;
  for (;;) {
    if (descend) {
      TSNode node = ts_tree_cursor_current_node(&cursor);
      if (f(node) && ts_tree_cursor_goto_first_child(&cursor)) continue;
    }
    if (ts_tree_cursor_goto_next_sibling(&cursor)) {
      descend = true;
      continue;
    }
    if (!ts_tree_cursor_goto_parent(&cursor)) break;
    descend = false;
  }
  ts_tree_cursor_delete(&cursor);
}

// A Python string literal's value when it is static: plain strings and implicit concatenations
// of them (no f-string interpolation). `ok` is false for anything else.
struct StaticString {
  bool ok = false;
  std::string value;
};
StaticString static_string(TSNode n, std::string_view src);

// Innermost enclosing node of the given type (function_definition, class_definition), or null.
TSNode enclosing(TSNode n, std::string_view type);

}  // namespace obolint::py

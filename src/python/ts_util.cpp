#include "python/ts_util.h"

#include <unordered_map>

namespace obolint::py {

TSFieldId field_id(const TSLanguage* language, const char* name) {
  // Keyed by the name's address: callers pass string literals. Per thread: no lock.
  thread_local const TSLanguage* cached_language = nullptr;
  thread_local std::unordered_map<const char*, TSFieldId> ids;
  if (language != cached_language) {
    ids.clear();
    cached_language = language;
  }
  auto [it, fresh] = ids.try_emplace(name, 0);
  if (fresh) {
    it->second = ts_language_field_id_for_name(
        language, name, static_cast<uint32_t>(std::char_traits<char>::length(name)));
  }
  return it->second;
}

std::vector<TSNode> named_children(TSNode n) {
  std::vector<TSNode> out;
  // A null node (an absent field, a name bound to nothing) has no children; tree-sitter itself
  // would dereference its missing tree.
  if (ts_node_is_null(n)) return out;
  uint32_t count = ts_node_named_child_count(n);
  out.reserve(count);
  for (uint32_t i = 0; i < count; ++i) out.push_back(ts_node_named_child(n, i));
  return out;
}

namespace {

// Decodes the common escapes; anything else is kept as written (good enough for matching).
void append_unescaped(std::string& out, std::string_view esc) {
  if (esc.size() == 2) {
    switch (esc[1]) {
      case 'n':
        out.push_back('\n');
        return;
      case 't':
        out.push_back('\t');
        return;
      case 'r':
        out.push_back('\r');
        return;
      case '\\':
        out.push_back('\\');
        return;
      case '\'':
        out.push_back('\'');
        return;
      case '"':
        out.push_back('"');
        return;
      default:
        break;
    }
  }
  out.append(esc);
}

bool append_string_piece(TSNode s, std::string_view src, std::string& out) {
  uint32_t count = ts_node_child_count(s);
  bool raw = false;
  for (uint32_t i = 0; i < count; ++i) {
    TSNode c = ts_node_child(s, i);
    std::string_view t = type_of(c);
    if (t == "string_start") {
      for (char ch : text_of(c, src)) raw = raw || ch == 'r' || ch == 'R';
    } else if (t == "interpolation") {
      return false;
    } else if (t == "string_content") {
      // string_content may hold escape_sequence children; copy the text between them.
      uint32_t pos = ts_node_start_byte(c);
      for (uint32_t k = 0; k < ts_node_child_count(c); ++k) {
        TSNode e = ts_node_child(c, k);
        if (type_of(e) == "interpolation") return false;
        out.append(src.substr(pos, ts_node_start_byte(e) - pos));
        if (type_of(e) == "escape_sequence" && !raw) {
          append_unescaped(out, text_of(e, src));
        } else {
          out.append(text_of(e, src));
        }
        pos = ts_node_end_byte(e);
      }
      out.append(src.substr(pos, ts_node_end_byte(c) - pos));
    } else if (t == "escape_sequence") {
      if (raw) {
        out.append(text_of(c, src));
      } else {
        append_unescaped(out, text_of(c, src));
      }
    }
  }
  return true;
}

}  // namespace

StaticString static_string(TSNode n, std::string_view src) {
  StaticString r;
  if (is(n, "string")) {
    r.ok = append_string_piece(n, src, r.value);
  } else if (is(n, "concatenated_string")) {
    r.ok = true;
    for (TSNode piece : named_children(n)) {
      if (is(piece, "comment")) continue;  // a comment between the pieces of a concatenation
      if (!is(piece, "string") || !append_string_piece(piece, src, r.value)) {
        r.ok = false;
        break;
      }
    }
  } else if (is(n, "parenthesized_expression") && ts_node_named_child_count(n) == 1) {
    // A loop, not recursion: 300 000 parentheses around a literal exhausted the stack.
    TSNode inner = ts_node_named_child(n, 0);
    while (is(inner, "parenthesized_expression") && ts_node_named_child_count(inner) == 1) {
      inner = ts_node_named_child(inner, 0);
    }
    return static_string(inner, src);
  }
  if (!r.ok) r.value.clear();
  return r;
}

TSNode enclosing(TSNode n, std::string_view type) {
  for (TSNode p = ts_node_parent(n); !ts_node_is_null(p); p = ts_node_parent(p)) {
    if (type == ts_node_type(p)) return p;
  }
  return TSNode{};
}

}  // namespace obolint::py

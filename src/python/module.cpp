#include "python/module.h"

#include "python/import_scan.h"
#include "python/ts_util.h"

extern "C" const TSLanguage* tree_sitter_python();

namespace obolint::py {
namespace {

// Trees deeper than this are not analysed: some analyses recurse along the tree (an expression
// inside an expression), and 300 000 parentheses around a literal exhausted the stack. The token
// flow takes 20 000-term `a + b + ...` chains (TokenFlowControl.VeryDeepExpressions...); CPython
// itself refuses 200 nested parentheses.
constexpr int kMaxTreeDepth = 25000;

// The first node deeper than `limit` under `root` (null when none), walked without recursion.
TSNode too_deep(TSNode root, int limit) {
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  TSNode found{};
  int depth = 0;
  for (;;) {
    if (ts_tree_cursor_goto_first_child(&cursor)) {
      if (++depth > limit) {
        found = ts_tree_cursor_current_node(&cursor);
        break;
      }
      continue;
    }
    while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
      if (!ts_tree_cursor_goto_parent(&cursor)) {
        ts_tree_cursor_delete(&cursor);
        return found;
      }
      --depth;
    }
  }
  ts_tree_cursor_delete(&cursor);
  return found;
}

TSNode first_error(TSNode root) {
  TSNode found{};
  walk(root, [&](TSNode n) {
    if (!ts_node_is_null(found)) return false;
    if (is(n, "ERROR") || ts_node_is_missing(n)) {
      found = n;
      return false;
    }
    return ts_node_has_error(n);
  });
  return found;
}

}  // namespace

Module::Module(const SourceFile& file)
    : file_(file), module_name_(module_name_for_path(file.path())) {
  TSParser* parser = ts_parser_new();
  ts_parser_set_language(parser, tree_sitter_python());
  tree_ = ts_parser_parse_string(parser, nullptr, file.content().data(),
                                 static_cast<uint32_t>(file.content().size()));
  if (TSNode deep = too_deep(root(), kMaxTreeDepth); !ts_node_is_null(deep)) {
    // An empty module stands for it: the secret scan of its text still ran.
    Span s = span(deep);
    ts_tree_delete(tree_);
    tree_ = ts_parser_parse_string(parser, nullptr, "", 0);
    parse_error_ = Note{Note::Kind::ParseError, file.path(), s.line, s.column,
                        "not analysed: code nested more than " + std::to_string(kMaxTreeDepth) +
                            " levels deep (brackets, operators); only its text was scanned"};
  }
  ts_parser_delete(parser);
  if (parse_error_) return;
  TSNode r = root();
  if (ts_node_has_error(r)) {
    TSNode err = first_error(r);
    Note note;
    note.kind = Note::Kind::ParseError;
    note.path = file.path();
    if (!ts_node_is_null(err)) {
      Span s = span(err);
      note.line = s.line;
      note.column = s.column;
    }
    note.message =
        "syntax error; findings come from the parts of the file that parse (tree-sitter recovery)";
    parse_error_ = note;
  }
}

Module::~Module() {
  ts_tree_delete(tree_);
}

Span Module::span(TSNode n) const {
  return file_.span_of(ts_node_start_byte(n), ts_node_end_byte(n));
}

}  // namespace obolint::py

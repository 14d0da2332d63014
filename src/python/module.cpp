#include "python/module.h"

#include "python/import_scan.h"
#include "python/ts_util.h"

extern "C" const TSLanguage* tree_sitter_python();

namespace obolint::py {
namespace {

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
  ts_parser_delete(parser);
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

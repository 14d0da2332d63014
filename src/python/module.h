// One parsed Python module: the source, its tree-sitter tree and its import table.
// Every Python analysis runs over the same tree (one parse per file).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <tree_sitter/api.h>

#include "core/finding.h"
#include "core/source_file.h"

namespace obolint::py {

class Module {
 public:
  // Parses `file`. Never fails: syntax errors become ERROR nodes (see parse_error()).
  explicit Module(const SourceFile& file);
  ~Module();
  Module(const Module&) = delete;
  Module& operator=(const Module&) = delete;

  const SourceFile& file() const { return file_; }
  std::string_view src() const { return file_.content(); }
  TSNode root() const { return ts_tree_root_node(tree_); }
  // The first syntax error, as a note, when the file does not parse cleanly.
  const std::optional<Note>& parse_error() const { return parse_error_; }
  // Dotted module name derived from the path ("pm_hub/db.py" -> "pm_hub.db"), for cross-module
  // resolution of `from .db import x` and `from pm_hub.db import x`.
  const std::string& module_name() const { return module_name_; }

  Span span(TSNode n) const;

 private:
  const SourceFile& file_;
  TSTree* tree_ = nullptr;
  std::optional<Note> parse_error_;
  std::string module_name_;
};

}  // namespace obolint::py

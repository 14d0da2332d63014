#include "python/module_role.h"

#include <algorithm>

#include "discover/glob.h"
#include "python/notebook.h"
#include "python/ts_util.h"

namespace obolint::py {
namespace {

// Statements live in these nodes; imports are statements, so nothing else is walked.
bool holds_statements(std::string_view t) {
  static constexpr std::string_view kTypes[] = {"module",
                                                "block",
                                                "if_statement",
                                                "elif_clause",
                                                "else_clause",
                                                "try_statement",
                                                "except_clause",
                                                "except_group_clause",
                                                "finally_clause",
                                                "with_statement",
                                                "for_statement",
                                                "while_statement",
                                                "match_statement",
                                                "case_clause",
                                                "function_definition",
                                                "class_definition",
                                                "decorated_definition"};
  return std::find(std::begin(kTypes), std::end(kTypes), t) != std::end(kTypes);
}

std::string dotted_text(TSNode n, std::string_view src) {
  std::string out;
  for (char c : text_of(n, src)) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\\') out += c;
  }
  return out;
}

// An import that the module survives without: in the body of a `try` whose handlers catch
// ImportError (or everything), or under `if TYPE_CHECKING:`.
bool is_optional(TSNode stmt, std::string_view src) {
  TSNode child = stmt;
  for (TSNode p = ts_node_parent(stmt); !ts_node_is_null(p); child = p, p = ts_node_parent(p)) {
    if (is(p, "if_statement") &&
        text_of(field(p, "condition"), src).find("TYPE_CHECKING") != std::string_view::npos) {
      return ts_node_eq(field(p, "consequence"), child);
    }
    if (is(p, "try_statement") && ts_node_eq(field(p, "body"), child)) {
      for (TSNode clause : named_children(p)) {
        if (!is(clause, "except_clause")) continue;
        TSNode caught = ts_node_named_child(clause, 0);
        std::string_view what = is(caught, "block") ? "" : text_of(caught, src);
        if (what.empty() || what.find("ImportError") != std::string_view::npos ||
            what.find("ModuleNotFoundError") != std::string_view::npos ||
            what.find("Exception") != std::string_view::npos) {
          return true;
        }
      }
    }
  }
  return false;
}

void add_imports(TSNode stmt, const Module& m, std::vector<ImportedModule>& out) {
  std::string_view src = m.src();
  int line = m.span(stmt).line;
  bool optional = is_optional(stmt, src);
  auto add = [&](std::string module) { out.push_back({std::move(module), line, optional}); };
  if (is(stmt, "import_statement")) {
    for (TSNode name : named_children(stmt)) {
      if (is(name, "dotted_name")) add(dotted_text(name, src));
      if (is(name, "aliased_import")) add(dotted_text(field(name, "name"), src));
    }
    return;
  }
  TSNode base = field(stmt, "module_name");
  if (!is(base, "dotted_name")) return;  // relative: the project's own modules
  std::string module = dotted_text(base, src);
  bool named = false;
  for (TSNode name : named_children(stmt)) {
    if (ts_node_eq(name, base)) continue;
    if (is(name, "dotted_name")) {
      add(module + "." + dotted_text(name, src));
      named = true;
    } else if (is(name, "aliased_import")) {
      add(module + "." + dotted_text(field(name, "name"), src));
      named = true;
    }
  }
  if (!named) add(module);  // from x import *
}

bool any_glob(const std::vector<std::string>& globs, std::string_view name) {
  return std::any_of(globs.begin(), globs.end(),
                     [&](const std::string& g) { return glob_match(g, name); });
}

}  // namespace

ModuleShape read_shape(const Module& module) {
  ModuleShape shape;
  std::string_view src = module.src();
  walk(module.root(), [&](TSNode n) {
    std::string_view t = type_of(n);
    if (t == "import_statement" || t == "import_from_statement") {
      add_imports(n, module, shape.imports);
      return false;
    }
    if (t == "if_statement" && is(ts_node_parent(n), "module")) {
      std::string_view cond = text_of(field(n, "condition"), src);
      if (cond.find("__name__") != std::string_view::npos &&
          cond.find("__main__") != std::string_view::npos) {
        shape.main_guard = true;
      }
    }
    return holds_statements(t);
  });
  bool imports_sys = std::any_of(shape.imports.begin(), shape.imports.end(),
                                 [](const ImportedModule& i) { return i.module == "sys"; });
  shape.reads_argv = imports_sys && src.find("sys.argv") != std::string_view::npos;
  return shape;
}

RoleDecision decide_role(const Module& module, const ModuleShape& shape, const AppContextData& data,
                         const std::optional<std::string>& app_dir) {
  RoleDecision d;
  bool cli = shape.main_guard || shape.reads_argv;
  for (const auto& imp : shape.imports) {
    if (d.framework.empty() && !imp.optional) d.framework = data.framework_of(imp.module);
    cli = cli || data.is_cli_framework(imp.module);
  }
  if (notebook_kind(module.file()) != NotebookKind::None) {
    d.role = facts::ModuleRole::Notebook;
    return d;
  }
  std::string_view path = module.file().path();
  if (app_dir && !app_dir->empty()) path.remove_prefix(app_dir->size() + 1);
  std::vector<std::string_view> folders;
  for (std::size_t start = 0;;) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) break;
    std::string_view part = path.substr(start, slash - start);
    if (!part.empty() && part != "." && part != "..") folders.push_back(part);
    start = slash + 1;
  }
  std::string_view file =
      path.substr(path.rfind('/') == std::string_view::npos ? 0 : path.rfind('/') + 1);
  bool test = any_glob(data.test_files, file);
  for (auto f : folders) test = test || any_glob(data.test_folders, f);
  bool script_folder = std::any_of(folders.begin(), folders.end(), [&](std::string_view f) {
    return any_glob(data.script_folders, f);
  });
  // In order: a test or a script folder wins over everything; then a web framework import; then
  // a standalone script (`__main__`, command-line arguments); then the app folder.
  bool script = script_folder || (d.framework.empty() && cli);
  if (test) {
    d.role = facts::ModuleRole::Test;
  } else if (script) {
    d.role = facts::ModuleRole::Script;
  } else if (!d.framework.empty() || app_dir) {
    d.role = facts::ModuleRole::App;
  }
  return d;
}

}  // namespace obolint::py

// Whether a Python module is web-app code, a test, a script, a notebook or a library, from its
// path, its imports and its `__main__` guard (the [app_context] of rules/languages/python.toml).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "facts/app_facts.h"
#include "python/app_context_data.h"
#include "python/module.h"

namespace obolint::py {

// One import statement's module, as written (absolute imports only: relative ones are the
// project's own code).
struct ImportedModule {
  std::string module;  // "flask", "databricks.sql", "databricks.sdk.core.Config"
  int line = 0;
  bool optional = false;  // in `try: ... except ImportError` or `if TYPE_CHECKING:`
};

struct ModuleShape {
  std::vector<ImportedModule> imports;
  bool main_guard = false;  // a top-level `if __name__ == "__main__":`
  bool reads_argv = false;  // imports sys and spells sys.argv: it takes command-line arguments
};

// Reads the statements of `module` (never expressions: imports are statements).
ModuleShape read_shape(const Module& module);

struct RoleDecision {
  facts::ModuleRole role = facts::ModuleRole::Library;
  std::string framework;  // the first web framework imported, "" when none
};

// `app_dir`: the module's app folder, when it lives in one (folder names are then matched below
// it only, so an app kept under a folder named `tools` is still an app).
RoleDecision decide_role(const Module& module, const ModuleShape& shape, const AppContextData& data,
                         const std::optional<std::string>& app_dir);

}  // namespace obolint::py

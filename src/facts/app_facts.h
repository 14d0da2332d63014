// Facts about the Databricks Apps of a scan: which folders are apps, which Python modules are
// app code, what they import and which library objects they reach, and what the bundles
// (databricks.yml) declare about each app. Computed by src/apps/ (folders, bundles) and
// src/python/app_context (modules); the checks decide.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"

namespace obolint::facts {

// An app's source folder: what `databricks apps deploy` uploads and runs.
struct AppFolder {
  std::string dir;       // display path of the folder, "" for the scan's current directory
  std::string manifest;  // its app.yaml/app.yml, or "" when only a bundle declares the folder
};

// What a Python module is, as far as running inside a Databricks App goes.
enum class ModuleRole {
  App,     // web-app code: imports a web framework, or lives in an app folder
  Test,    // a test module (tests/ folder, test_*.py, conftest.py)
  Script,  // a standalone script: a scripts/tools folder, or a `__main__` module with no framework
  Notebook,  // a Jupyter or Databricks notebook
  Library,   // outside every app folder and importing no web framework
};

const char* role_name(ModuleRole role);

// An import of a module that needs a distribution installed ([[dependencies]] of python.toml).
struct ImportFact {
  std::string module;  // dotted path as imported ("databricks.sql", "databricks.sdk.core.Config")
  std::string distribution;  // what it needs installed ("databricks-sql-connector")
  int line = 0;
  // Inside `try: ... except ImportError` or `if TYPE_CHECKING:`: the module runs without it.
  bool optional = false;
};

struct ModuleFacts {
  std::string path;
  ModuleRole role = ModuleRole::Library;
  std::string framework;           // the first web framework it imports ("flask"), or ""
  std::optional<std::size_t> app;  // index in AppFacts::folders of its app folder (the nearest)
  std::vector<ImportFact> imports;
};

// A use of a library object the language data lists ([[references]] of python.toml), resolved
// through imports and aliases: `DBS.builder.remote(...)` after `from databricks.connect import
// DatabricksSession as DBS`.
struct LibraryReference {
  Location at;             // the whole expression chain that starts with the reference
  std::string kind;        // the language data's name for the object ("databricks-connect")
  std::string resolved;    // the dotted path it resolved to
  std::string written;     // the chain as written, whitespace removed (fingerprints)
  std::string scope;       // the enclosing function ("Class.method"), or "<module>"
  std::size_t module = 0;  // index in AppFacts::modules
};

// Where a connection call ([[connections]] of python.toml) takes its token from.
enum class TokenArgument {
  None,         // no token argument (default credentials)
  Literal,      // a string literal (OBO003's concern)
  Environment,  // os.getenv(...) / os.environ[...]: the app's or a developer's token
  Parameter,    // a parameter of the enclosing function: whatever its callers pass
  Value,        // any other expression: a variable, an attribute, a header read
};

struct ConnectionCall {
  Location at;       // the call
  std::string kind;  // the language data's name for it ("sql")
  TokenArgument token = TokenArgument::None;
  std::string function;    // the enclosing function's name, "" at module level
  std::size_t module = 0;  // index in AppFacts::modules
};

// A function that passes one of its parameters on to another call, in app code: with the token
// facts' uses (the user's token passed to `from`), these edges say which helpers receive the
// user's token further down (`execute_query(token)` -> `get_connection(user_token)`). Names, not
// resolved functions: an over-approximation that only ever adds helpers.
struct ParameterForward {
  std::string from;  // the enclosing function's name
  std::string to;    // the called function's name (last component: `db.connect` -> "connect")
  std::size_t module = 0;
};

// An app declared by a Databricks Asset Bundle (resources.apps.<key>, also under targets).
struct BundleApp {
  std::string key;          // the resource key
  std::string bundle_file;  // the YAML file that declares it (databricks.yml or an include)
  Location at;              // the key's line
  // The source folder (source_code_path, relative to bundle_file); nothing when it is missing or
  // not a plain path (a ${var.x} reference).
  std::optional<std::string> source_dir;
  bool scopes_declared = false;       // user_api_scopes present in some definition of the app
  std::vector<std::string> scopes;    // every scope any definition lists
  std::optional<Location> scopes_at;  // the first user_api_scopes key
};

struct AppFacts {
  std::vector<AppFolder> folders;
  std::vector<ModuleFacts> modules;
  std::vector<LibraryReference> references;
  std::vector<ConnectionCall> connections;
  std::vector<ParameterForward> forwards;
  std::vector<BundleApp> bundle_apps;
};

// True when `path` is folder `dir` itself or lies under it ("" holds every relative path that
// does not leave it: not "../x", not "/abs/x").
bool path_within(std::string_view dir, std::string_view path);

// The folder `path` belongs to: the deepest of `folders` that holds it, or nothing.
std::optional<std::size_t> folder_of(const std::vector<AppFolder>& folders, std::string_view path);

}  // namespace obolint::facts

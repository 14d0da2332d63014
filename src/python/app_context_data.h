// What the app-context analysis knows about Python web apps and libraries, read once from
// rules/languages/python.toml ([app_context], [[references]], [[connections]],
// [[dependencies]], [app_credentials]).
#pragma once

#include <string>
#include <vector>

#include "core/rules.h"

namespace obolint::py {

struct AppContextData {
  std::vector<std::string> web_frameworks;
  std::vector<std::string> cli_frameworks;
  std::vector<std::string> test_folders;  // fnmatch globs for one path component
  std::vector<std::string> test_files;
  std::vector<std::string> script_folders;

  struct Reference {
    std::string kind;
    std::vector<std::string> paths;
  };
  std::vector<Reference> references;

  struct Connection {
    std::string kind;
    std::vector<std::string> callees;
    std::string token_keyword;
    int token_position = -1;
  };
  std::vector<Connection> connections;

  struct Dependency {
    std::vector<std::string> imports;
    std::string distribution;
  };
  std::vector<Dependency> dependencies;

  std::vector<std::string> env_readers;  // os.getenv(NAME): the process environment
  std::vector<std::string> env_maps;     // os.environ[NAME]

  static AppContextData load(const RuleSet& rules);

  // The web framework a dotted import belongs to ("flask" for "flask.request"), or "".
  std::string framework_of(std::string_view module) const;
  bool is_cli_framework(std::string_view module) const;
  // The distribution an import needs ([[dependencies]]), or "".
  std::string distribution_for(std::string_view module) const;
};

// True when `module` is `prefix` or one of its submodules/attributes ("a.b" for "a.b.c").
bool dotted_prefix(std::string_view prefix, std::string_view module);

}  // namespace obolint::py

#include "python/app_context_data.h"

namespace obolint::py {

bool dotted_prefix(std::string_view prefix, std::string_view module) {
  if (prefix.empty() || !module.starts_with(prefix)) return false;
  return module.size() == prefix.size() || module[prefix.size()] == '.';
}

AppContextData AppContextData::load(const RuleSet& rules) {
  AppContextData d;
  const toml::table& py = rules.language("python");
  auto context = py["app_context"];
  d.web_frameworks = string_array(context["web_frameworks"]);
  d.cli_frameworks = string_array(context["cli_frameworks"]);
  d.test_folders = string_array(context["test_folders"]);
  d.test_files = string_array(context["test_files"]);
  d.script_folders = string_array(context["script_folders"]);
  auto each = [&](const char* key, auto&& f) {
    if (const auto* arr = py[key].as_array()) {
      for (const auto& node : *arr) {
        if (const auto* t = node.as_table()) f(*t);
      }
    }
  };
  each("references", [&](const toml::table& t) {
    d.references.push_back({string_or(t["kind"]), string_array(t["paths"])});
  });
  each("connections", [&](const toml::table& t) {
    d.connections.push_back({string_or(t["kind"]), string_array(t["callees"]),
                             string_or(t["token_keyword"]),
                             static_cast<int>(t["token_position"].value_or(-1))});
  });
  each("dependencies", [&](const toml::table& t) {
    d.dependencies.push_back({string_array(t["imports"]), string_or(t["distribution"])});
  });
  d.env_readers = string_array(py["app_credentials"]["env_readers"]);
  d.env_maps = string_array(py["app_credentials"]["env_maps"]);
  return d;
}

std::string AppContextData::framework_of(std::string_view module) const {
  for (const auto& f : web_frameworks) {
    if (dotted_prefix(f, module)) return f;
  }
  return "";
}

bool AppContextData::is_cli_framework(std::string_view module) const {
  for (const auto& f : cli_frameworks) {
    if (dotted_prefix(f, module)) return true;
  }
  return false;
}

std::string AppContextData::distribution_for(std::string_view module) const {
  for (const auto& dep : dependencies) {
    for (const auto& prefix : dep.imports) {
      // `from databricks import sql` imports "databricks.sql"; `import databricks` alone does not
      // say which distribution it wants.
      if (dotted_prefix(prefix, module)) return dep.distribution;
    }
  }
  return "";
}

}  // namespace obolint::py

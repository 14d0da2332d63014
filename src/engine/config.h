// Project configuration: `.obolint.toml`, or the `[tool.obolint]` table of `pyproject.toml`,
// found by walking up from the first scanned path. Command-line flags override it.
//
//   select = ["OBO"]                    ignore = ["OBO005"]
//   exclude = ["migrations/**"]         include = ["src/**"]
//   fail-on = "flag"                    report-unused-suppressions = true
//   [severity]          OBO001 = "BLOCK"
//   [per-path-ignores]  "tests/**" = ["OBO003"]
//   [obo004]            sources = [...]   (appended to rules/languages/python.toml [token_flow])
//
// In pyproject.toml every table is under [tool.obolint] ([tool.obolint.severity], ...).
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/finding.h"
#include "core/rules.h"
#include "engine/scan.h"

namespace obolint {

// A configuration file that cannot be used: "file:line:column: what is wrong" (exit status 2).
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A value and where it came from: "default", "command line", or "path:line".
template <class T>
struct Setting {
  T value{};
  std::string origin = "default";
};

struct Config {
  std::filesystem::path file;  // empty: no configuration file in force
  std::filesystem::path base;  // its directory: per-path globs are relative to it
  bool pyproject = false;      // the settings are the [tool.obolint] table of pyproject.toml
  // The directory the scan starts from (absolute; set by the caller): exclude/include globs of
  // the file, relative to `base`, are also matched relative to it.
  std::filesystem::path scan_start;
  Setting<std::vector<std::string>> select, ignore, exclude, include;
  Setting<std::string> fail_on{"block"};
  Setting<bool> report_unused_suppressions{false};
  std::map<std::string, Setting<Severity>> severity;  // rule id -> override
  struct PerPath {
    std::string glob;
    std::vector<std::string> rules;
    std::string origin;
  };
  std::vector<PerPath> per_path_ignores;
  // OBO004 extra data: key -> strings appended to rules/OBO004-unvalidated-header-token/rule.toml's
  // [token_flow] of rules/languages/python.toml array.
  std::map<std::string, Setting<std::vector<std::string>>> obo004;
};

// The configuration file for a scan of `start` (a file or directory): in `start` (or its
// directory) and each parent, `.obolint.toml` first, then a `pyproject.toml` that has a
// [tool.obolint] table. The walk stops after the directory holding `.git` (the repository root)
// or at the filesystem root. nullopt: none found.
std::optional<std::filesystem::path> find_config(const std::filesystem::path& start);

// Parses and checks a configuration file. Throws ConfigError naming file:line for invalid TOML,
// unknown keys, wrong types, unknown rule ids (against `rules`) and bad values.
Config load_config(const std::filesystem::path& file, const RuleSet& rules);

// Applies the configuration to the rules before a scan: the [obo004] arrays appended to the Python
// framework knowledge. (Severity overrides go through ScanOptions: the pipeline applies them once.)
void merge_rule_data(RuleSet& rules, const Config& config);

// Fills the scan options from the configuration (select, ignore, exclude, include, severity,
// per-path ignores, report-unused-suppressions).
void apply_config(const Config& config, ScanOptions& options);

// What --show-config prints: every effective setting with its origin.
std::string describe_config(const Config& config);

}  // namespace obolint

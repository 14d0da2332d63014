// The subcommands, free of CLI11 (only main.cpp includes it: it costs 10-15 s per unit).
#pragma once

#include <string>
#include <vector>

namespace obolint::cli {

// Exit statuses, as Ruff: 0 clean, 1 findings at or above --fail-on, 2 usage or setup error.
inline constexpr int kExitClean = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitError = 2;

struct ScanArgs {
  std::vector<std::string> paths;
  std::string format = "text";
  std::string output;
  std::vector<std::string> select;
  std::vector<std::string> ignore;
  std::string fail_on = "block";
  bool quiet = false;
  std::string color = "auto";
  std::vector<std::string> exclude;
  std::vector<std::string> include;
  bool no_gitignore = false;
  bool no_default_excludes = false;
  std::string project_root;
  std::string rules_dir;
  unsigned long long max_file_size = 10ull * 1024 * 1024;
  std::string compile_commands;
};

int run_scan(const ScanArgs& args);
int run_rules(const std::string& rules_dir, const std::string& format);
int run_explain(const std::string& rule_id, const std::string& rules_dir);

}  // namespace obolint::cli

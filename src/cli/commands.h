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
  bool format_given = false;  // --format was on the command line
  std::string output;         // -o: the --format report goes to this file
  // --output-format FMT[:FILE], repeatable: FMT alone picks the standard output's format (as
  // Ruff's --output-format); FMT:FILE writes one more report to FILE in the same run.
  std::vector<std::string> output_formats;
  std::vector<std::string> select;
  std::vector<std::string> ignore;
  std::string fail_on = "block";
  bool quiet = false;       // -q: findings only (no source lines, notes or summary)
  bool silent = false;      // --silent: nothing on standard output (files are still written)
  bool statistics = false;  // --statistics: a count per rule instead of the findings
  bool show_files = false;  // --show-files: list the files that would be scanned, then exit
  unsigned jobs = 0;        // -j: worker threads (0: one per core)
  bool sarif_keep_suppressed = false;
  std::string color = "auto";
  std::vector<std::string> exclude;
  std::vector<std::string> include;
  bool no_gitignore = false;
  bool no_default_excludes = false;
  std::string project_root;
  std::string rules_dir;
  unsigned long long max_file_size = 10ull * 1024 * 1024;
  std::string compile_commands;
  // Workflow (src/workflow, src/engine/baseline):
  bool staged = false;         // scan the index content of staged files (pre-commit hook)
  std::string diff_base;       // report only findings on lines changed since merge-base(REV, HEAD)
  bool history = false;        // --history: the blobs the commits of history_range added
  std::string history_range;   // empty: HEAD
  std::string baseline;        // hide the findings this baseline file lists
  std::string write_baseline;  // `obolint baseline`: write this file instead of a report
  // Configuration and suppressions (src/engine/config, src/engine/suppress):
  std::string config_file;   // --config FILE: this file instead of the one found
  bool isolated = false;     // --isolated: no configuration file at all
  bool show_config = false;  // --show-config: print the settings in force and exit
  bool report_unused_suppressions = false;
  std::vector<std::string> given;  // the flags given on the command line (they override the file)
};

int run_scan(const ScanArgs& args);
// `obolint baseline`: scans like run_scan and writes args.write_baseline.
int run_baseline(const ScanArgs& args_in);
// `obolint install-hook`: writes the native git pre-commit hook.
int run_install_hook(bool force);
int run_rules(const std::string& rules_dir, const std::string& format);

// `obolint server`: the language server on standard input and output (src/lsp/).
struct ServerArgs {
  std::string rules_dir;
  int debounce_ms = 150;
};
int run_language_server(const ServerArgs& args);
int run_explain(const std::string& rule_id, const std::string& rules_dir);
// `obolint --version` (with -v / --verbose: where the rules and the C++ front end come from).
int run_version(bool verbose);

}  // namespace obolint::cli

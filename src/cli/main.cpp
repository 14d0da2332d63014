// Command-line wiring only: every subcommand's behaviour lives in its own file.
#include <malloc.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "checks/check.h"
#include "cli/commands.h"
#include "core/rules.h"
#include "cpp/cpp_frontend.h"

namespace {

int run_cli(int argc, char** argv) {
  using namespace obolint::cli;
  CLI::App app{"obolint: finds Databricks on-behalf-of (OBO) auth anti-patterns in Python and C++"};
  app.set_version_flag("--version", std::string("obolint ") + OBOLINT_VERSION);
  app.require_subcommand(1);

  ScanArgs scan;
  auto* sc = app.add_subcommand("scan", "Scan files and directories (default: .)");
  sc->add_option("paths", scan.paths, "Files and directories to scan");
  sc->add_option("--format", scan.format, "Report format")
      ->check(CLI::IsMember({"text", "json", "sarif", "github", "gitlab"}));
  sc->add_option("-o,--output", scan.output, "Write the report to FILE instead of stdout");
  sc->add_option("--select", scan.select, "Only these rules (ids or prefixes, comma separated)")
      ->delimiter(',')
      ->allow_extra_args(false);
  sc->add_option("--ignore", scan.ignore, "Skip these rules (ids or prefixes, comma separated)")
      ->delimiter(',')
      ->allow_extra_args(false);
  sc->add_option("--fail-on", scan.fail_on,
                 "Exit 1 when a finding at or above this severity is found")
      ->check(CLI::IsMember({"block", "flag", "never"}));
  sc->add_flag("-q,--quiet", scan.quiet, "Findings only: no source lines, notes or summary");
  sc->add_option("--color", scan.color,
                 "Colour the text report (auto: on a terminal, unless NO_COLOR)")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  sc->add_option("--exclude", scan.exclude, "Skip paths matching GLOB (repeatable)")
      ->allow_extra_args(false);
  sc->add_option("--include", scan.include, "Scan only files matching GLOB (repeatable)")
      ->allow_extra_args(false);
  sc->add_flag("--no-gitignore", scan.no_gitignore, "Do not honour .gitignore files");
  sc->add_flag("--no-default-excludes", scan.no_default_excludes,
               "Also scan node_modules, virtualenvs, build and cache folders");
  sc->add_option("--project-root", scan.project_root,
                 "Directory SARIF and GitHub paths are relative to (default: current directory)");
  sc->add_option("--rules-dir", scan.rules_dir,
                 "Directory of rule files (default: installed rules)");
  sc->add_option("--max-file-size", scan.max_file_size,
                 "Skip files larger than BYTES (default 10 MiB)");
  sc->add_option("-p,--compile-commands", scan.compile_commands,
                 "compile_commands.json, or a directory holding it, for C++ files");
  sc->add_option("--config", scan.config_file,
                 "Use this configuration file (.obolint.toml or pyproject.toml) instead of the one "
                 "found by walking up from the first path");
  sc->add_flag("--isolated", scan.isolated, "Ignore configuration files");
  sc->add_flag("--show-config", scan.show_config,
               "Print the settings in force and where each comes from, then exit");
  sc->add_flag("--report-unused-suppressions", scan.report_unused_suppressions,
               "Report suppression comments that hide nothing (rule OBO900)");
  sc->add_flag("--staged", scan.staged,
               "Scan the staged (index) content of staged files, limited to PATHS if given");
  sc->add_option("--diff-base", scan.diff_base,
                 "Report only findings on lines added or changed since merge-base(REV, HEAD)");
  sc->add_option("--baseline", scan.baseline, "Hide the findings listed in this baseline file");

  ScanArgs base;
  auto* bc = app.add_subcommand(
      "baseline", "Record current findings in a baseline file (hidden by scan --baseline)");
  bc->add_option("paths", base.paths, "Files and directories to scan (default: .)");
  bc->add_option("-o,--output", base.write_baseline,
                 "Baseline file to write (default: .obolint-baseline.json)");
  bc->add_option("--select", base.select, "Only these rules (comma separated)")
      ->delimiter(',')
      ->allow_extra_args(false);
  bc->add_option("--ignore", base.ignore, "Skip these rules (comma separated)")
      ->delimiter(',')
      ->allow_extra_args(false);
  bc->add_option("--exclude", base.exclude, "Skip paths matching GLOB (repeatable)");
  bc->add_option("--include", base.include, "Scan only files matching GLOB (repeatable)");
  bc->add_flag("--no-gitignore", base.no_gitignore, "Do not honour .gitignore files");
  bc->add_option("--rules-dir", base.rules_dir, "Directory of rule files");
  bc->add_option("-p,--compile-commands", base.compile_commands,
                 "compile_commands.json, or a directory holding it, for C++ files");

  bool hook_force = false;
  auto* hc = app.add_subcommand(
      "install-hook",
      "Install a git pre-commit hook that scans staged files (no framework needed)");
  hc->add_flag(
      "--force", hook_force,
      "Replace a foreign hook that cannot be chained (saved as pre-commit.obolint-backup)");

  std::string rules_dir, rules_format = "text";
  auto* rc = app.add_subcommand("rules", "List the rules");
  rc->add_option("--rules-dir", rules_dir, "Directory of rule files");
  rc->add_option("--format", rules_format, "text or json")->check(CLI::IsMember({"text", "json"}));

  std::string explain_id;
  auto* ec = app.add_subcommand("explain", "Print a rule's documentation");
  ec->add_option("rule", explain_id, "Rule id, e.g. OBO003")->required();
  ec->add_option("--rules-dir", rules_dir, "Directory of rule files");

  ServerArgs server;
  bool stdio = true;
  auto* lc = app.add_subcommand("server", "Language server (LSP) on standard input and output");
  lc->add_option("--rules-dir", server.rules_dir, "Directory of rule files");
  lc->add_option("--debounce-ms", server.debounce_ms,
                 "Analyse an edited document once typing pauses this long (default 150)")
      ->check(CLI::Range(0, 10000));
  lc->add_flag("--stdio", stdio, "Talk over standard input and output (the only transport)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    // CLI11 returns 0 for --help/--version and its own codes for errors: ours is 2.
    return code == 0 ? kExitClean : kExitError;
  }
  // Flags given on the command line override the configuration file (src/cli/scan_config.cpp).
  for (auto [sub, parsed_args] : {std::pair{sc, &scan}, std::pair{bc, &base}}) {
    for (const char* flag : {"--select", "--ignore", "--exclude", "--include", "--fail-on",
                             "--report-unused-suppressions"}) {
      const CLI::Option* opt = sub->get_option_no_throw(flag);
      if (opt != nullptr && opt->count() > 0) parsed_args->given.emplace_back(flag);
    }
  }
  if (sc->parsed()) return run_scan(scan);
  if (bc->parsed()) return run_baseline(base);
  if (hc->parsed()) return run_install_hook(hook_force);
  if (rc->parsed()) return run_rules(rules_dir, rules_format);
  if (ec->parsed()) return run_explain(explain_id, rules_dir);
  if (lc->parsed()) return run_language_server(server);
  return kExitError;
}

}  // namespace

int main(int argc, char** argv) {
  // File texts of 64 KiB or more are mmapped and go back to the system when freed: without a
  // fixed threshold glibc raises it to the largest block freed, and a tree's big files would
  // stay in the heap for the rest of the run.
  mallopt(M_MMAP_THRESHOLD, 64 << 10);
  obolint::set_rule_validators({&obolint::validate_matcher, [](std::string_view name) {
                                  return obolint::find_check(name) != nullptr;
                                }});
  // Subcommands report their own errors; this only keeps an unexpected one from aborting.
  try {
    return run_cli(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "obolint: internal error: " << e.what() << "\n";
  } catch (...) {
    std::cerr << "obolint: internal error\n";
  }
  return obolint::cli::kExitError;
}

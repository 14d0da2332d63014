// Command-line wiring only: every subcommand's behaviour lives in its own file.
#include <malloc.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <map>
#include <optional>

#include "cli/commands.h"
#include "cli/suggest.h"

namespace {

using namespace obolint::cli;

const std::vector<std::string> kFormats = {"text", "json", "sarif", "github", "gitlab"};
const std::map<std::string, std::vector<std::string>> kChoices = {
    {"--format", kFormats},
    {"--fail-on", {"block", "flag", "never"}},
    {"--color", {"auto", "always", "never"}}};

std::string did_you_mean(const std::string& typed, const std::vector<std::string>& names) {
  auto best = closest(typed, names);
  return best ? "; did you mean '" + *best + "'?" : std::string();
}

// Catches what CLI11 would reject with a bare message ("A subcommand is required", "The following
// arguments were not expected") and says what was probably meant, as Ruff does.
std::optional<std::string> mistyped(CLI::App& app, int argc, char** argv) {
  if (argc < 2) return std::nullopt;
  std::vector<std::string> commands;
  for (CLI::App* s : app.get_subcommands([](CLI::App*) { return true; })) {
    commands.push_back(s->get_name());
  }
  std::string first = argv[1];
  if (first.empty() || first[0] == '-') {
    if (first == "--version" || first == "--help" || first == "-h") return std::nullopt;
    return "unknown option '" + first + "'" + did_you_mean(first, {"--version", "--help"}) +
           " (a command comes first: obolint scan --help)";
  }
  CLI::App* sub = nullptr;
  for (CLI::App* s : app.get_subcommands([](CLI::App*) { return true; })) {
    if (s->get_name() == first) sub = s;
  }
  if (sub == nullptr) {
    std::string list;
    for (const auto& c : commands) list += (list.empty() ? "" : ", ") + c;
    return "unknown command '" + first + "'" + did_you_mean(first, commands) +
           " (commands: " + list + ")";
  }
  std::vector<std::string> options{"--help"};
  for (const CLI::Option* o : sub->get_options([](const CLI::Option*) { return true; })) {
    for (const auto& l : o->get_lnames()) options.push_back("--" + l);
  }
  for (int i = 2; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--") break;
    if (arg.rfind("--", 0) != 0) continue;
    auto eq = arg.find('=');
    std::string name = arg.substr(0, eq);
    if (std::find(options.begin(), options.end(), name) == options.end()) {
      return "unknown option '" + name + "' for 'obolint " + first + "'" +
             did_you_mean(name, options) + " (see obolint " + first + " --help)";
    }
    auto choices = kChoices.find(name);
    if (choices == kChoices.end() || sub->get_option_no_throw(name) == nullptr) continue;
    std::string value =
        eq != std::string::npos ? arg.substr(eq + 1) : (i + 1 < argc ? argv[i + 1] : "");
    const auto& allowed = choices->second;
    if (!value.empty() && std::find(allowed.begin(), allowed.end(), value) == allowed.end()) {
      std::string list;
      for (const auto& c : allowed) list += (list.empty() ? "" : ", ") + c;
      return "invalid value '" + value + "' for " + name + did_you_mean(value, allowed) +
             " (one of: " + list + ")";
    }
  }
  return std::nullopt;
}

// Options `scan` and `baseline` share.
void add_scope_options(CLI::App* c, ScanArgs& a) {
  c->add_option("--select", a.select, "Only these rules (ids or prefixes, comma separated)")
      ->delimiter(',')
      ->allow_extra_args(false);
  c->add_option("--ignore", a.ignore, "Skip these rules (ids or prefixes, comma separated)")
      ->delimiter(',')
      ->allow_extra_args(false);
  c->add_option("--exclude", a.exclude, "Skip paths matching GLOB (repeatable)")
      ->allow_extra_args(false);
  c->add_option("--include", a.include, "Scan only files matching GLOB (repeatable)")
      ->allow_extra_args(false);
  c->add_flag("--no-gitignore", a.no_gitignore,
              "Also scan files git ignores (.gitignore, .git/info/exclude, core.excludesFile)");
  c->add_flag("--no-default-excludes", a.no_default_excludes,
              "Also scan node_modules, virtualenvs, build and cache folders");
  c->add_option("--rules-dir", a.rules_dir, "Directory of rule files (default: installed rules)");
  c->add_option("--max-file-size", a.max_file_size,
                "Skip files larger than BYTES (default 10 MiB)");
  c->add_option("-p,--compile-commands", a.compile_commands,
                "compile_commands.json, or a directory holding it, for C++ files");
  c->add_option("--config", a.config_file,
                "Use this configuration file (.obolint.toml or pyproject.toml) instead of the one "
                "found by walking up from the first path");
  c->add_flag("--isolated", a.isolated, "Ignore configuration files");
  c->add_option("-j,--jobs", a.jobs, "Worker threads (default: one per core)");
  c->add_flag("-q,--quiet", a.quiet, "Findings only: no source lines, notes or summary");
  c->add_flag("--silent", a.silent, "Print nothing (errors still go to standard error)");
}

void add_scan_options(CLI::App* sc, ScanArgs& scan) {
  sc->add_option("paths", scan.paths, "Files and directories to scan");
  sc->add_option("--format", scan.format, "Report format on standard output (or -o)")
      ->check(CLI::IsMember(kFormats));
  sc->add_option("-o,--output", scan.output, "Write the --format report to FILE");
  sc->add_option("--output-format", scan.output_formats,
                 "FMT:FILE writes one more report to FILE (repeatable); FMT alone sets the "
                 "standard output's format")
      ->allow_extra_args(false);
  sc->add_option("--fail-on", scan.fail_on,
                 "Exit 1 when a finding at or above this severity is found")
      ->check(CLI::IsMember({"block", "flag", "never"}));
  sc->add_flag("--statistics", scan.statistics, "Print a count per rule instead of the findings");
  sc->add_flag("--show-files", scan.show_files, "List the files that would be scanned, then exit");
  sc->add_option("--color", scan.color,
                 "Colour the text report (auto: on a terminal, unless NO_COLOR)")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  sc->add_option("--project-root", scan.project_root,
                 "Directory SARIF and GitHub paths are relative to (default: current directory)");
  sc->add_flag("--show-config", scan.show_config,
               "Print the settings in force and where each comes from, then exit");
  sc->add_flag("--report-unused-suppressions", scan.report_unused_suppressions,
               "Report suppression comments that hide nothing (rule OBO900)");
  sc->add_flag("--staged", scan.staged,
               "Scan the staged (index) content of staged files, limited to PATHS if given");
  sc->add_option("--diff-base", scan.diff_base,
                 "Report only findings on lines added or changed since merge-base(REV, HEAD)");
  sc->add_option("--history", scan.history_range,
                 "Scan every blob the commits of REV-RANGE added (default: HEAD's history) for "
                 "secrets, instead of the tree")
      ->expected(0, 1);
  sc->add_option("--baseline", scan.baseline, "Hide the findings listed in this baseline file");
  sc->add_flag("--sarif-keep-suppressed", scan.sarif_keep_suppressed,
               "Keep suppressed and baselined findings in SARIF, marked as suppressed");
}

int run_cli(int argc, char** argv) {
  CLI::App app{"obolint: finds Databricks on-behalf-of (OBO) auth anti-patterns in Python and C++"};
  app.set_version_flag("--version", std::string("obolint ") + OBOLINT_VERSION);
  app.require_subcommand(1);

  ScanArgs scan;
  auto* sc = app.add_subcommand("scan", "Scan files and directories (default: .)");
  add_scan_options(sc, scan);
  add_scope_options(sc, scan);

  ScanArgs base;
  auto* bc = app.add_subcommand(
      "baseline", "Record current findings in a baseline file (hidden by scan --baseline)");
  bc->add_option("paths", base.paths, "Files and directories to scan (default: .)");
  bc->add_option("-o,--output", base.write_baseline,
                 "Baseline file to write (default: .obolint-baseline.json)");
  add_scope_options(bc, base);

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

  bool verbose = false;
  auto* vc =
      app.add_subcommand("version", "Print the version, the rules and the C++ front end used");
  vc->add_flag("-v,--verbose", verbose, "Also where the rules and the C++ front end come from");

  if (auto message = mistyped(app, argc, argv)) {
    std::cerr << "obolint: error: " << *message << "\n";
    return kExitError;
  }
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
  scan.format_given = sc->get_option("--format")->count() > 0;
  scan.history = sc->get_option("--history")->count() > 0;
  if (sc->parsed()) return run_scan(scan);
  if (bc->parsed()) return run_baseline(base);
  if (hc->parsed()) return run_install_hook(hook_force);
  if (rc->parsed()) return run_rules(rules_dir, rules_format);
  if (ec->parsed()) return run_explain(explain_id, rules_dir);
  if (lc->parsed()) return run_language_server(server);
  if (vc->parsed()) return run_version(verbose);
  return kExitError;
}

}  // namespace

int main(int argc, char** argv) {
  // File texts of 64 KiB or more are mmapped and go back to the system when freed: without a
  // fixed threshold glibc raises it to the largest block freed, and a tree's big files would
  // stay in the heap for the rest of the run.
  mallopt(M_MMAP_THRESHOLD, 64 << 10);
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

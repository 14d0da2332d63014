#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/scan_config.h"
#include "cli/workflow_commands.h"
#include "core/rules.h"
#include "engine/fingerprint.h"
#include "engine/scan.h"
#include "report/formats.h"

namespace obolint::cli {
namespace {

bool use_color(const std::string& mode, bool to_terminal) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  return to_terminal;
}

bool fails(const std::vector<Finding>& findings, const std::string& fail_on) {
  if (fail_on == "never") return false;
  for (const auto& f : findings) {
    if (f.suppressed) continue;
    if (fail_on == "flag" || f.severity == Severity::Block) return true;
  }
  return false;
}

}  // namespace

int run_scan(const ScanArgs& args) {
  try {
    RuleSet rules = RuleSet::load(args.rules_dir.empty() ? default_rules_dir()
                                                         : std::filesystem::path(args.rules_dir));
    Config config = resolve_config(args, rules);  // the config file, then command-line flags
    if (args.show_config) {
      std::cout << describe_config(config);
      return kExitClean;
    }
    merge_rule_data(rules, config);
    for (const auto* list : {&args.select, &args.ignore}) {
      for (const auto& id : *list) {
        bool known = id == "ALL";
        for (const auto& r : rules.all()) known = known || r.id.rfind(id, 0) == 0;
        if (!known) {
          std::cerr << "obolint: error: unknown rule '" << id
                    << "' in --select/--ignore (see `obolint rules`)\n";
          return kExitError;
        }
      }
    }
    ScanOptions opts;
    opts.discover.exclude = args.exclude;
    opts.discover.include = args.include;
    opts.discover.respect_gitignore = !args.no_gitignore;
    opts.discover.skip_default_dirs = !args.no_default_excludes;
    opts.select = args.select;
    opts.ignore = args.ignore;
    opts.max_file_size = args.max_file_size;
    opts.cpp.compile_commands = args.compile_commands;
    apply_config(config, opts);
    std::vector<std::string> paths =
        args.paths.empty() ? std::vector<std::string>{"."} : args.paths;
    for (const auto& p : paths) opts.cpp.scan_roots.emplace_back(p);
    if (!args.compile_commands.empty() && !std::filesystem::exists(args.compile_commands)) {
      std::cerr << "obolint: error: " << args.compile_commands
                << ": compilation database not found (pass the file or the build directory)\n";
      return kExitError;
    }

    ScanResult result =
        args.staged ? scan_staged(args.paths, rules, opts) : scan(paths, rules, opts);
    if (!args.write_baseline.empty()) return write_baseline_file(args.write_baseline, result);
    BaselineOutcome baseline_outcome = apply_workflow_filters(args, result);

    std::vector<const SourceFile*> files_by_finding;
    for (const auto& f : result.findings) {
      auto it = result.files.find(f.path);
      files_by_finding.push_back(it == result.files.end() ? nullptr : it->second.get());
    }
    SecretScanner secrets(rules);
    Redactor redactor(result, secrets);
    std::ofstream file_out;
    if (!args.output.empty()) {
      file_out.open(args.output, std::ios::binary | std::ios::trunc);
      if (!file_out) {
        std::cerr << "obolint: error: cannot write report to " << args.output << "\n";
        return kExitError;
      }
    }
    std::ostream& out = args.output.empty() ? std::cout : file_out;
    ReportContext ctx{.result = result,
                      .rules = rules,
                      .redactor = redactor,
                      .project_root = args.project_root.empty()
                                          ? std::filesystem::current_path()
                                          : std::filesystem::path(args.project_root),
                      .fingerprints = {}};
    ctx.color = args.format == "text" && args.output.empty() &&
                use_color(args.color, isatty(STDOUT_FILENO) != 0);
    ctx.quiet = args.quiet;
    ctx.suppressed_count =
        static_cast<int>(std::count_if(result.findings.begin(), result.findings.end(),
                                       [](const Finding& f) { return f.suppressed; }));
    ctx.fingerprints = fingerprints(result.findings, files_by_finding);
    ctx.baseline_hidden = baseline_outcome.hidden;
    ctx.baseline_stale = baseline_outcome.stale;
    if (args.format == "json") {
      write_json(ctx, out);
    } else if (args.format == "sarif") {
      write_sarif(ctx, out);
    } else if (args.format == "github") {
      write_github(ctx, out);
    } else if (args.format == "gitlab") {
      write_gitlab(ctx, out);
    } else {
      write_text(ctx, out);
    }
    out.flush();
    return fails(result.findings, config.fail_on.value) ? kExitFindings : kExitClean;
  } catch (const PathError& e) {
    std::cerr << "obolint: error: " << e.what() << "\n";
  } catch (const RuleError& e) {
    std::cerr << "obolint: error: broken rule file: " << e.what() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "obolint: error: " << e.what() << "\n";
  }
  return kExitError;
}

}  // namespace obolint::cli

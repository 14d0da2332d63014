// `obolint scan` and `obolint baseline`: arguments -> configuration -> engine::run -> reports.
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <optional>
#include <sstream>

#include "cli/commands.h"
#include "cli/outputs.h"
#include "cli/scan_config.h"
#include "cli/scan_request.h"
#include "engine/baseline.h"
#include "engine/redaction.h"
#include "engine/staged_sources.h"
#include "platform/atomic_file.h"
#include "platform/process.h"
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
    if (!ScanResult::reported(f)) continue;
    if (fail_on == "flag" || f.severity == Severity::Block) return true;
  }
  return false;
}

std::string render(const OutputSpec& o, const ReportContext& ctx) {
  std::ostringstream out;
  if (o.format == "json") {
    write_json(ctx, out);
  } else if (o.format == "sarif") {
    write_sarif(ctx, out);
  } else if (o.format == "github") {
    write_github(ctx, out);
  } else if (o.format == "gitlab") {
    write_gitlab(ctx, out);
  } else {
    write_text(ctx, out);
  }
  return out.str();
}

void write_stdout(const std::string& text) {
  std::cout << text;
  std::cout.flush();
  if (!std::cout) throw OutputError("cannot write to standard output");
}

// Errors may quote user input (a configuration key, a path): redacted like every other output.
int fail(const std::string& message, const std::optional<SecretScanner>& secrets) {
  std::cerr << "obolint: error: " << (secrets ? redact_text(message, *secrets) : message) << "\n";
  return kExitError;
}

// Runs a scan command: `body` gets the loaded rules, the configuration and the request.
template <class Body>
int guarded(const ScanArgs& args, Body&& body) {
  // The scanner points into the rules: both outlive the handlers below, rules first.
  std::optional<RuleSet> rules;
  std::optional<SecretScanner> secrets;
  try {
    rules.emplace(load_rules(args.rules_dir));
    secrets.emplace(*rules);
    return body(*rules, secrets);
  } catch (const RuleError& e) {
    return fail(std::string("broken rule file: ") + e.what(), secrets);
  } catch (const std::exception& e) {
    // PathError, ConfigError, BaselineError, WorkflowError, OutputError, UsageError.
    return fail(e.what(), secrets);
  }
}

}  // namespace

int run_scan(const ScanArgs& args) {
  // git answers while the rules load: a pre-commit hook is mostly process start-ups.
  if (args.staged) prefetch_staged(args.paths);
  return guarded(args, [&](RuleSet& rules, const std::optional<SecretScanner>& secrets) {
    std::vector<OutputSpec> outputs = parse_outputs(args);
    Config config = resolve_config(args, rules);  // the config file, then command-line flags
    if (args.show_config) {
      write_stdout(describe_config(config));
      return kExitClean;
    }
    merge_rule_data(rules, config);
    engine::ScanRequest request = make_scan_request(args, config, rules);
    if (args.show_files) {
      std::string list;
      for (const auto& f : engine::list_files(request)) list += terminal_safe(f) + "\n";
      if (!args.silent) write_stdout(list);
      return kExitClean;
    }
    ScanResult result = engine::run(request, rules);
    ReportContext ctx{.result = result,
                      .rules = rules,
                      .project_root = args.project_root.empty()
                                          ? std::filesystem::current_path()
                                          : std::filesystem::path(args.project_root),
                      .color = false,
                      .quiet = args.quiet,
                      .keep_suppressed = args.sarif_keep_suppressed,
                      .baseline_file = args.baseline};
    // Every report is attempted: one that cannot be written does not cost the others.
    int status = fails(result.findings, config.fail_on.value) ? kExitFindings : kExitClean;
    for (const auto& o : outputs) {
      ReportContext c = ctx;
      try {
        if (o.file.empty()) {
          if (args.silent) continue;
          c.color = o.format == "text" && use_color(args.color, isatty(STDOUT_FILENO) != 0);
          std::ostringstream stats;
          if (args.statistics) write_statistics(c, o.format == "json", stats);
          write_stdout(args.statistics ? stats.str() : render(o, c));
        } else {
          c.quiet = false;  // a file gets the whole report
          write_file_atomically(o.file, render(o, c));
        }
      } catch (const OutputError& e) {
        status = fail(e.what(), secrets);
      }
    }
    return status;
  });
}

int run_baseline(const ScanArgs& args_in) {
  ScanArgs args = args_in;
  if (args.write_baseline.empty()) args.write_baseline = ".obolint-baseline.json";
  args.baseline.clear();
  args.diff_base.clear();
  return guarded(args, [&](RuleSet& rules, const std::optional<SecretScanner>&) {
    Config config = resolve_config(args, rules);
    merge_rule_data(rules, config);
    engine::ScanRequest request = make_scan_request(args, config, rules);
    ScanResult result = engine::run(request, rules);
    const Baseline& b = result.recorded_baseline;
    std::filesystem::path file(args.write_baseline);
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
    write_file_atomically(args.write_baseline, baseline_text(b));
    if (!args.quiet && !args.silent) {
      std::cerr << "obolint: wrote " << b.entries.size() << " baseline entr"
                << (b.entries.size() == 1 ? "y" : "ies") << " to "
                << terminal_safe(args.write_baseline) << " (" << result.stats.files_scanned
                << " files scanned)\n";
    }
    return kExitClean;
  });
}

}  // namespace obolint::cli

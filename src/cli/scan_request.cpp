#include "cli/scan_request.h"

#include <cstdlib>

#include "checks/check.h"
#include "cli/outputs.h"
#include "engine/cpp_component.h"

namespace obolint::cli {

RuleSet load_rules(const std::string& rules_dir) {
  // Check names are known here. AST matchers only the C++ component can parse: the rules obolint
  // ships are checked by its test suite, so they are re-checked only when C++ files are analysed
  // (a Python-only scan never loads LLVM); rules from elsewhere (--rules-dir, OBOLINT_RULES_DIR)
  // are checked at load, whatever the scan holds.
  bool own_rules = rules_dir.empty() && std::getenv("OBOLINT_RULES_DIR") == nullptr;
  RuleValidators validators;
  validators.check_exists = [](std::string_view name) { return find_check(name) != nullptr; };
  if (!own_rules) validators.matcher = &validate_matcher_via_component;
  set_rule_validators(std::move(validators));
  return RuleSet::load(rules_dir.empty() ? default_rules_dir() : std::filesystem::path(rules_dir));
}

engine::ScanRequest make_scan_request(const ScanArgs& args, const Config& config,
                                      const RuleSet& rules) {
  for (const auto* list : {&args.select, &args.ignore}) {
    for (const auto& id : *list) {
      bool known = id == "ALL";
      for (const auto& r : rules.all()) known = known || r.id.rfind(id, 0) == 0;
      if (!known) {
        throw UsageError("unknown rule '" + id + "' in --select/--ignore (see `obolint rules`)");
      }
    }
  }
  if (!args.compile_commands.empty() && !std::filesystem::exists(args.compile_commands)) {
    throw UsageError(args.compile_commands +
                     ": compilation database not found (pass the file or the build directory)");
  }
  if (args.history && (args.staged || !args.diff_base.empty() || !args.paths.empty())) {
    throw UsageError(
        "--history scans the commits of a range: it takes no PATH, --staged or "
        "--diff-base");
  }
  engine::ScanRequest req;
  if (args.history) req.history = args.history_range;
  req.paths = args.paths;
  req.staged = args.staged;
  req.baseline = args.baseline;
  req.diff_base = args.diff_base;
  if (!args.write_baseline.empty()) req.record_baseline = args.write_baseline;
  ScanOptions& opts = req.options;
  opts.discover.exclude = args.exclude;
  opts.discover.include = args.include;
  opts.discover.respect_gitignore = !args.no_gitignore;
  opts.discover.skip_default_dirs = !args.no_default_excludes;
  opts.select = args.select;
  opts.ignore = args.ignore;
  opts.max_file_size = args.max_file_size;
  opts.cpp.compile_commands = args.compile_commands;
  opts.jobs = args.jobs;
  opts.cpp.jobs = args.jobs;
  apply_config(config, opts);
  for (const auto& p : args.paths.empty() ? std::vector<std::string>{"."} : args.paths) {
    opts.cpp.scan_roots.emplace_back(p);
  }
  return req;
}

}  // namespace obolint::cli

// From parsed arguments and the configuration in force to the engine's ScanRequest.
#pragma once

#include "cli/commands.h"
#include "engine/config.h"
#include "engine/run.h"

namespace obolint::cli {

// Throws UsageError for a rule id in --select/--ignore that names no rule, and for a
// compilation database that does not exist.
engine::ScanRequest make_scan_request(const ScanArgs& args, const Config& config,
                                      const RuleSet& rules);

// Loads the rules --rules-dir names, or the installed ones.
RuleSet load_rules(const std::string& rules_dir);

}  // namespace obolint::cli

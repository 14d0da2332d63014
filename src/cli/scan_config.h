// The configuration in force for `obolint scan`: the config file (found, or --config), then the
// command-line flags that were given on top of it.
#pragma once

#include "cli/commands.h"
#include "engine/config.h"

namespace obolint::cli {

// Throws ConfigError for a broken file (exit status 2).
Config resolve_config(const ScanArgs& args, const RuleSet& rules);

}  // namespace obolint::cli

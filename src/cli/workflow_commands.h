// The CLI side of the workflow features (baseline, --staged, --diff-base, install-hook), kept out
// of scan_command.cpp so run_scan stays a short pipeline.
#pragma once

#include <string>

#include "cli/commands.h"
#include "engine/baseline.h"
#include "engine/scan.h"
#include "workflow/diff_base.h"
#include "workflow/staged.h"

namespace obolint::cli {

// `obolint baseline`: writes the baseline for `result` to `file` (paths relative to its folder).
int write_baseline_file(const std::string& file, const ScanResult& result);

// --baseline then --diff-base on a finished scan (baseline first, so entries for findings on
// unchanged lines are not reported stale). Throws BaselineError / WorkflowError (exit 2).
BaselineOutcome apply_workflow_filters(const ScanArgs& args, ScanResult& result);

}  // namespace obolint::cli

// --diff-base REV (pull-request mode): only findings on lines added or changed since the merge
// base of REV and HEAD are reported (workflow/diff_base.h computes the lines).
#pragma once

#include <string>

#include "engine/scan.h"

namespace obolint {

// Drops findings whose first line is not an added or changed line; files outside the repository
// are kept. Returns how many findings were dropped. Throws WorkflowError for a bad revision.
int keep_changed_lines(ScanResult& result, const std::string& rev);

}  // namespace obolint

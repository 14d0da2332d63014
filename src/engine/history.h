// `obolint scan --history [RANGE]`: every blob the commits of the range added, each distinct blob
// once, through the same pipeline as a tree scan (engine::run with the blobs' texts), for the
// secret rules ([[text.secret]]: OBO003, OBO011, OBO012). A finding's path is git's name of the
// blob, "<short commit>:<path>", and its message says when the commit was written.
#pragma once

#include "engine/run.h"

namespace obolint::engine {

// Called by engine::run when `request.history` is set. Throws WorkflowError (git).
ScanResult run_history(const ScanRequest& request, const RuleSet& rules);

}  // namespace obolint::engine

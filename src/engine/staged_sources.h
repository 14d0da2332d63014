// `obolint scan --staged` (and the pre-commit hook): the index content of staged files as
// sources, with --exclude/--include and the size limit applied as for files on disk.
#pragma once

#include <string>
#include <vector>

#include "engine/scan.h"
#include "engine/sources.h"

namespace obolint {

// Display paths are relative to the current directory (the top of the work tree in a hook).
// Throws WorkflowError outside a git work tree.
Sources read_staged_sources(const std::vector<std::string>& pathspecs, const ScanOptions& options);

// The display paths of the staged files that would be read (--show-files --staged).
std::vector<std::string> staged_display_paths(const std::vector<std::string>& pathspecs,
                                              const ScanOptions& options);

}  // namespace obolint

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

// Starts asking git for the staged files and their content in the background (a pre-commit
// hook's time is mostly process start-ups: they overlap loading the rules). The next
// read_staged_sources or staged_display_paths with the same pathspecs takes the answer, errors
// included.
void prefetch_staged(const std::vector<std::string>& pathspecs);

// The display paths of the staged files that would be read (--show-files --staged).
std::vector<std::string> staged_display_paths(const std::vector<std::string>& pathspecs,
                                              const ScanOptions& options);

}  // namespace obolint

// `obolint scan --staged`: scans the index content of staged files (what the commit will hold),
// not the working tree. The native pre-commit hook runs this.
#pragma once

#include <string>
#include <vector>

#include "engine/scan.h"

namespace obolint {

struct StagedFile {
  std::string repo_path;  // relative to the top of the work tree, '/'-separated
  std::string blob;       // object id of the staged content
};

// Files added, copied or modified in the index relative to HEAD (every staged file before the
// first commit), limited to `pathspecs` when given. Symlinks and submodules are left out.
std::vector<StagedFile> staged_files(const std::vector<std::string>& pathspecs);

// Reads the staged blobs with one `git cat-file --batch` and analyses them in memory. Display
// paths are relative to the current directory (the top of the work tree in a hook).
ScanResult scan_staged(const std::vector<std::string>& pathspecs, const RuleSet& rules,
                       const ScanOptions& options);

}  // namespace obolint

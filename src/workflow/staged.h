// `obolint scan --staged` reads the index content of staged files (what the commit will hold),
// not the working tree: which files are staged, and their blobs. The native pre-commit hook runs
// this; engine/staged_sources.h turns the blobs into sources.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace obolint {

struct StagedFile {
  std::string repo_path;  // relative to the top of the work tree, '/'-separated
  std::string blob;       // object id of the staged content
};

// Files added, copied or modified in the index relative to HEAD (every staged file before the
// first commit), limited to `pathspecs` when given. Symlinks and submodules are left out.
std::vector<StagedFile> staged_files(const std::vector<std::string>& pathspecs);

// The content of each blob, in order, read with one `git cat-file --batch`; nullopt for a blob
// git could not give.
std::vector<std::optional<std::string>> read_blobs(const std::vector<std::string>& blob_ids);

}  // namespace obolint

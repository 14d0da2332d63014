// File selection inside a git work tree, asked of git itself: the files git would consider
// (tracked, plus untracked ones that .gitignore at any level from the repository root,
// .git/info/exclude and core.excludesFile do not ignore), whatever subdirectory is scanned.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/finding.h"

namespace obolint {

struct GitListing {
  // Relative to the listed directory, '/'-separated, sorted. An entry ending in '/' is a nested
  // repository git does not descend into.
  std::vector<std::string> paths;
  // Directories git could not read, relative to the listed directory, with git's reason.
  std::vector<std::pair<std::string, std::string>> unreadable;
  bool directory_ignored = false;  // the directory itself is ignored (git lists nothing in it)
};

// `git ls-files -co --exclude-standard -z` in `dir` (hardened: platform/process.h). nullopt when
// `dir` is not inside a work tree, git is missing, or git refuses the repository (ownership):
// `why` then says which, empty for "not a repository".
std::optional<GitListing> git_list_files(const std::filesystem::path& dir, std::string& why);

}  // namespace obolint

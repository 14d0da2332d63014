// `obolint scan --diff-base REV` (pull-request mode): only findings on lines added or changed
// since the merge base of REV and HEAD are reported.
#pragma once

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace obolint {

// Added or changed lines per repository-relative path; `whole_files` are new (untracked) files.
struct ChangedLines {
  std::map<std::string, std::vector<std::pair<int, int>>> ranges;  // inclusive [first, last]
  std::set<std::string> whole_files;
  bool contains(const std::string& repo_path, int line) const;
};

// Parses `git diff --unified=0` output (b/ destination prefix) into changed line ranges.
ChangedLines parse_unified_diff(const std::string& diff);

// Compares the working tree with the merge base of `rev` and HEAD (`git diff <merge-base>`), so
// committed and uncommitted changes on the branch count, changes on REV's side do not; untracked
// files (not ignored) count as entirely new. Throws WorkflowError for a bad revision.
ChangedLines changed_lines_since(const std::string& rev);

}  // namespace obolint

#include "workflow/diff_base.h"

#include <algorithm>
#include <charconv>

#include "platform/process.h"
#include "workflow/git_paths.h"

namespace obolint {
namespace fs = std::filesystem;

namespace {

std::string trim_line(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

// "+c,d" or "+c" in a hunk header.
bool parse_range(std::string_view s, int& start, int& count) {
  if (s.empty() || s[0] != '+') return false;
  s.remove_prefix(1);
  auto comma = s.find(',');
  std::string_view a = s.substr(0, comma);
  if (std::from_chars(a.data(), a.data() + a.size(), start).ec != std::errc()) return false;
  count = 1;
  if (comma != std::string_view::npos) {
    std::string_view b = s.substr(comma + 1);
    if (std::from_chars(b.data(), b.data() + b.size(), count).ec != std::errc()) return false;
  }
  return true;
}

}  // namespace

bool ChangedLines::contains(const std::string& repo_path, int line) const {
  if (whole_files.count(repo_path)) return true;
  auto it = ranges.find(repo_path);
  if (it == ranges.end()) return false;
  return std::any_of(it->second.begin(), it->second.end(),
                     [&](const auto& r) { return line >= r.first && line <= r.second; });
}

ChangedLines parse_unified_diff(const std::string& diff) {
  ChangedLines out;
  std::string current;  // destination path of the file being read; empty for a deletion
  std::size_t pos = 0;
  while (pos < diff.size()) {
    std::size_t eol = diff.find('\n', pos);
    if (eol == std::string::npos) eol = diff.size();
    std::string_view line(diff.data() + pos, eol - pos);
    pos = eol + 1;
    if (line.rfind("diff --git ", 0) == 0) {
      current.clear();
    } else if (line.rfind("+++ ", 0) == 0) {
      std::string target = git_unquote(std::string(line.substr(4)));
      if (!target.empty() && target.back() == '\t') target.pop_back();
      current = target.rfind("b/", 0) == 0 ? target.substr(2) : std::string();
      if (!current.empty()) out.ranges[current];
    } else if (line.rfind("@@ ", 0) == 0 && !current.empty()) {
      // "@@ -a,b +c,d @@ context"
      std::size_t plus = line.find(" +");
      if (plus == std::string_view::npos) continue;
      std::size_t end = line.find(' ', plus + 1);
      int start = 0, count = 0;
      if (!parse_range(line.substr(plus + 1, end - plus - 1), start, count)) continue;
      if (count > 0) out.ranges[current].emplace_back(start, start + count - 1);
    }
  }
  return out;
}

ChangedLines changed_lines_since(const std::string& rev) {
  if (rev.empty() || rev[0] == '-') {
    throw WorkflowError("--diff-base " + rev + ": not a revision (a branch, tag or commit)");
  }
  fs::path top = git_toplevel();
  ProcessResult verify = run_git({"rev-parse", "--verify", "--quiet", rev + "^{commit}"});
  if (verify.status != 0) {
    throw WorkflowError("--diff-base " + rev +
                        ": unknown revision (in CI, fetch the base branch with enough history: "
                        "actions/checkout fetch-depth: 0, or git fetch origin <branch>)");
  }
  ProcessResult mb = run_git({"merge-base", rev, "HEAD"});
  if (mb.status != 0) {
    throw WorkflowError("--diff-base " + rev +
                        ": no merge base with HEAD (a shallow clone? fetch more history)");
  }
  std::string base = trim_line(mb.out);
  // Comparing with the working tree may run the repository's clean filters: switched off.
  std::vector<std::string> args = git_filter_overrides(top);
  args.insert(args.end(),
              {"-c", "core.quotePath=false", "diff", "--unified=0", "--no-color", "--no-ext-diff",
               "--no-textconv", "-M", "--src-prefix=a/", "--dst-prefix=b/", base, "--"});
  std::string diff = git_output(args, top);
  ChangedLines changed = parse_unified_diff(diff);
  std::string untracked = git_output({"ls-files", "--others", "--exclude-standard", "-z"}, top);
  std::size_t pos = 0;
  while (pos < untracked.size()) {
    std::size_t end = untracked.find('\0', pos);
    if (end == std::string::npos) end = untracked.size();
    if (end > pos) changed.whole_files.insert(untracked.substr(pos, end - pos));
    pos = end + 1;
  }
  return changed;
}

}  // namespace obolint

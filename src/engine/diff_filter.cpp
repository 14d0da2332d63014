#include "engine/diff_filter.h"

#include "platform/process.h"
#include "workflow/diff_base.h"
#include "workflow/git_paths.h"

namespace obolint {
namespace fs = std::filesystem;

int keep_changed_lines(ScanResult& result, const std::string& rev) {
  ChangedLines changed = changed_lines_since(rev);
  fs::path top = git_toplevel();
  fs::path cwd = fs::current_path();
  std::map<std::string, std::string> repo_path_cache;
  auto size_before = result.findings.size();
  std::erase_if(result.findings, [&](const Finding& f) {
    auto it = repo_path_cache.find(f.path);
    if (it == repo_path_cache.end()) {
      it = repo_path_cache.emplace(f.path, path_relative_to(f.path, top, cwd)).first;
    }
    if (it->second.empty()) return false;  // outside the repository: no history to compare
    return !changed.contains(it->second, f.span.line);
  });
  return static_cast<int>(size_before - result.findings.size());
}

}  // namespace obolint

#include "discover/git_files.h"

#include <algorithm>

#include "platform/process.h"

namespace obolint {
namespace fs = std::filesystem;

namespace {

std::vector<std::string> split_nul(const std::string& s) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < s.size()) {
    std::size_t end = s.find('\0', pos);
    if (end == std::string::npos) end = s.size();
    if (end > pos) out.push_back(s.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

// git's "warning: could not open directory 'sub/': Permission denied" lines.
std::vector<std::pair<std::string, std::string>> unreadable_dirs(const std::string& err) {
  static const std::string kPrefix = "warning: could not open directory '";
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t pos = 0;
  while (pos < err.size()) {
    std::size_t eol = err.find('\n', pos);
    if (eol == std::string::npos) eol = err.size();
    std::string line = err.substr(pos, eol - pos);
    pos = eol + 1;
    if (line.rfind(kPrefix, 0) != 0) continue;
    std::size_t close = line.find("': ", kPrefix.size());
    if (close == std::string::npos) continue;
    std::string dir = line.substr(kPrefix.size(), close - kPrefix.size());
    if (!dir.empty() && dir.back() == '/') dir.pop_back();
    out.emplace_back(dir, line.substr(close + 3));
  }
  return out;
}

}  // namespace

std::optional<GitListing> git_list_files(const fs::path& dir, std::string& why) {
  why.clear();
  ProcessResult r;
  try {
    r = run_git({"ls-files", "--cached", "--others", "--exclude-standard", "-z"}, dir);
  } catch (const WorkflowError& e) {
    why = std::string("git is not available (") + e.what() + ")";
    return std::nullopt;
  }
  if (r.status != 0) {
    if (r.err.find("not a git repository") == std::string::npos) {
      std::string msg = r.err.substr(0, r.err.find('\n'));
      why = "git could not list the files (" + msg + ")";
    }
    return std::nullopt;
  }
  GitListing out;
  out.paths = split_nul(r.out);
  std::sort(out.paths.begin(), out.paths.end());
  out.paths.erase(std::unique(out.paths.begin(), out.paths.end()), out.paths.end());
  out.unreadable = unreadable_dirs(r.err);
  if (out.paths.empty()) {
    ProcessResult ignored = run_git({"check-ignore", "-q", "--", "."}, dir);
    out.directory_ignored = ignored.status == 0;
  }
  return out;
}

}  // namespace obolint

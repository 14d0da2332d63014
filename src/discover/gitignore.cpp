#include "discover/gitignore.h"

#include "discover/glob.h"
#include "platform/read_file.h"

namespace obolint {

GitignoreRules::GitignoreRules(std::string base, std::string_view text) : base_(std::move(base)) {
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::string line(text.substr(pos, nl == std::string_view::npos ? text.npos : nl - pos));
    pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    // Trailing spaces are ignored unless escaped.
    while (!line.empty() && line.back() == ' ' &&
           !(line.size() > 1 && line[line.size() - 2] == '\\')) {
      line.pop_back();
    }
    if (line.empty() || line[0] == '#') continue;
    Pattern p;
    if (line[0] == '!') {
      p.negate = true;
      line.erase(0, 1);
    } else if (line[0] == '\\') {
      line.erase(0, 1);
    }
    if (!line.empty() && line.back() == '/') {
      p.dir_only = true;
      line.pop_back();
    }
    if (line.empty()) continue;
    auto slash = line.find('/');
    p.anchored = slash != std::string::npos;
    if (!line.empty() && line[0] == '/') line.erase(0, 1);
    p.glob = line;
    patterns_.push_back(std::move(p));
  }
}

std::optional<GitignoreRules> GitignoreRules::load(const std::filesystem::path& file,
                                                   std::string base, std::string& problem) {
  problem.clear();
  std::error_code ec;
  if (!std::filesystem::exists(std::filesystem::symlink_status(file, ec))) return std::nullopt;
  ReadFileResult r = read_regular_file(file, 4u << 20);
  if (!r.content) {
    problem = r.error;
    return std::nullopt;
  }
  return GitignoreRules(std::move(base), *r.content);
}

std::optional<bool> GitignoreRules::match(std::string_view rel, bool is_dir) const {
  // Only paths under this file's directory are its business.
  std::string_view local = rel;
  if (!base_.empty()) {
    if (rel.size() <= base_.size() || rel.compare(0, base_.size(), base_) != 0 ||
        rel[base_.size()] != '/') {
      return std::nullopt;
    }
    local = rel.substr(base_.size() + 1);
  }
  std::string_view name = local;
  if (auto cut = local.rfind('/'); cut != std::string_view::npos) name = local.substr(cut + 1);
  std::optional<bool> verdict;
  for (const auto& p : patterns_) {
    if (p.dir_only && !is_dir) continue;
    bool m = p.anchored ? glob_match(p.glob, local) : glob_match(p.glob, name);
    if (m) verdict = !p.negate;
  }
  return verdict;
}

}  // namespace obolint

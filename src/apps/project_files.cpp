#include "apps/project_files.h"

#include <filesystem>

namespace obolint::apps {

ProjectFiles::ProjectFiles(std::vector<ProjectFile> files) {
  for (auto& f : files) {
    std::string path = f.path;
    by_path_.emplace(std::move(path), std::move(f));
  }
}

ProjectFiles::ProjectFiles(const std::vector<const SourceFile*>& files) {
  for (const SourceFile* f : files) by_path_.emplace(f->path(), ProjectFile{f->path(), f, {}});
}

const SourceFile* ProjectFiles::get(std::string_view path) {
  auto it = by_path_.find(path);
  if (it == by_path_.end()) return nullptr;
  if (it->second.source) return it->second.source;
  if (!it->second.reload) return nullptr;
  auto [at, fresh] = reloaded_.try_emplace(it->first);
  if (fresh) at->second = it->second.reload();
  return at->second.get();
}

std::vector<std::string> ProjectFiles::named(const std::vector<std::string>& names) const {
  std::vector<std::string> out;
  for (const auto& [path, file] : by_path_) {
    std::string_view name = file_name(path);
    for (const auto& n : names) {
      if (name == n) {
        out.push_back(path);
        break;
      }
    }
  }
  return out;
}

std::vector<std::string> ProjectFiles::paths() const {
  std::vector<std::string> out;
  out.reserve(by_path_.size());
  for (const auto& [path, file] : by_path_) out.push_back(path);
  return out;
}

std::string dir_of(std::string_view path) {
  auto slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(path.substr(0, slash));
}

std::string_view file_name(std::string_view path) {
  auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string join_path(std::string_view dir, std::string_view rel) {
  std::filesystem::path p =
      rel.starts_with('/') ? std::filesystem::path(rel) : std::filesystem::path(dir) / rel;
  std::string s = p.lexically_normal().generic_string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  if (s == ".") s.clear();
  return s;
}

}  // namespace obolint::apps

#include "lsp/module_index.h"

#include "python/import_scan.h"

namespace obolint::lsp {

void ModuleIndex::index_names(const std::string& path, const std::string& module, bool add) {
  auto update = [&](std::unordered_map<std::string, std::set<std::string>>& map,
                    const std::string& key) {
    if (add) {
      map[key].insert(path);
    } else if (auto it = map.find(key); it != map.end()) {
      it->second.erase(path);
      if (it->second.empty()) map.erase(it);
    }
  };
  update(exact_, module);
  for (std::size_t dot = module.find('.'); dot != std::string::npos;
       dot = module.find('.', dot + 1)) {
    update(suffix_, module.substr(dot + 1));
  }
}

void ModuleIndex::set(const std::string& path, std::string_view text) {
  Entry e;
  e.module = py::module_name_for_path(path);
  e.imported = py::imported_modules(text, e.module, path.ends_with("__init__.py"));
  auto it = files_.find(path);
  // Typing rarely changes the imports: the reverse edges stay valid then.
  if (it != files_.end() && it->second.imported == e.imported) return;
  remove(path);
  index_names(path, e.module, true);
  files_.emplace(path, std::move(e));
  reverse_valid_ = false;
}

void ModuleIndex::remove(const std::string& path) {
  auto it = files_.find(path);
  if (it == files_.end()) return;
  index_names(path, it->second.module, false);
  files_.erase(it);
  reverse_valid_ = false;
}

std::vector<std::string> ModuleIndex::resolve(std::string_view name) const {
  std::string key(name);
  if (auto it = exact_.find(key); it != exact_.end()) return {it->second.begin(), it->second.end()};
  if (auto it = suffix_.find(key); it != suffix_.end()) {
    return {it->second.begin(), it->second.end()};
  }
  return {};
}

std::set<std::string> ModuleIndex::imports(const std::set<std::string>& paths) const {
  std::set<std::string> seen = paths;
  std::vector<std::string> work(paths.begin(), paths.end());
  while (!work.empty()) {
    std::string path = std::move(work.back());
    work.pop_back();
    auto it = files_.find(path);
    if (it == files_.end()) continue;
    for (const auto& name : it->second.imported) {
      for (auto& target : resolve(name)) {
        if (seen.insert(target).second) work.push_back(std::move(target));
      }
    }
  }
  return seen;
}

std::set<std::string> ModuleIndex::importers(const std::vector<std::string>& paths) const {
  if (!reverse_valid_) {
    reverse_.clear();
    for (const auto& [path, entry] : files_) {
      for (const auto& name : entry.imported) {
        for (auto& target : resolve(name)) reverse_[target].push_back(path);
      }
    }
    reverse_valid_ = true;
  }
  std::set<std::string> seen(paths.begin(), paths.end());
  std::vector<std::string> work(paths.begin(), paths.end());
  while (!work.empty()) {
    std::string path = std::move(work.back());
    work.pop_back();
    auto it = reverse_.find(path);
    if (it == reverse_.end()) continue;
    for (const auto& importer : it->second) {
      if (seen.insert(importer).second) work.push_back(importer);
    }
  }
  return seen;
}

}  // namespace obolint::lsp

#include "facts/app_facts.h"

namespace obolint::facts {

const char* role_name(ModuleRole role) {
  switch (role) {
    case ModuleRole::App:
      return "app";
    case ModuleRole::Test:
      return "test";
    case ModuleRole::Script:
      return "script";
    case ModuleRole::Notebook:
      return "notebook";
    case ModuleRole::Library:
      return "library";
  }
  return "library";
}

bool path_within(std::string_view dir, std::string_view path) {
  if (dir.empty()) return !path.starts_with('/') && !path.starts_with("../") && path != "..";
  return path == dir ||
         (path.size() > dir.size() && path.starts_with(dir) && path[dir.size()] == '/');
}

std::optional<std::size_t> folder_of(const std::vector<AppFolder>& folders, std::string_view path) {
  std::optional<std::size_t> best;
  for (std::size_t i = 0; i < folders.size(); ++i) {
    const std::string& dir = folders[i].dir;
    if (path_within(dir, path) && (!best || folders[*best].dir.size() < dir.size())) best = i;
  }
  return best;
}

}  // namespace obolint::facts

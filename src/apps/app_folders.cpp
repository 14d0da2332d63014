#include "apps/app_folders.h"

#include <algorithm>

#include "apps/bundles.h"
#include "apps/yaml_doc.h"

namespace obolint::apps {
namespace {

// A bundle resource file may be called app.yml too (resources/app.yml with resources.apps); an
// app manifest's `resources` is a list of the app's resources, never a map.
bool is_bundle_resource_file(const SourceFile& file) {
  YamlDoc doc = load_yaml(file.content());
  if (!doc.root || !doc.root->IsMap()) return false;
  for (const auto& kv : *doc.root) {
    if (kv.first.IsScalar() && kv.first.Scalar() == "resources" && kv.second.IsMap()) return true;
  }
  return false;
}

}  // namespace

void find_apps(ProjectFiles& files, const RuleSet& rules, facts::AppFacts& apps,
               std::vector<Note>& notes) {
  auto common = rules.language("common")["apps"];
  for (const std::string& path : files.named(string_array(common["manifests"]))) {
    const SourceFile* manifest = files.get(path);
    if (!manifest || is_bundle_resource_file(*manifest)) continue;
    apps.folders.push_back({dir_of(path), path});
  }
  apps.bundle_apps = read_bundles(files, string_array(common["bundles"]), notes);
  for (const auto& app : apps.bundle_apps) {
    if (!app.source_dir) continue;
    bool known = std::any_of(apps.folders.begin(), apps.folders.end(),
                             [&](const facts::AppFolder& f) { return f.dir == *app.source_dir; });
    if (!known) apps.folders.push_back({*app.source_dir, ""});
  }
}

}  // namespace obolint::apps

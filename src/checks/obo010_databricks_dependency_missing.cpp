// OBO010 databricks-dependency-missing: an app imports databricks.sql / databricks.sdk but its
// manifest does not install the distribution, or leaves it unpinned among pinned siblings
// (rules/OBO010-databricks-dependency-missing/README.md).
#include <algorithm>
#include <map>

#include "checks/check.h"

namespace obolint {
namespace {

using facts::DependencyManifest;

// The manifests that install an app folder's dependencies: its own requirements.txt and
// pyproject.toml, else the nearest enclosing project's pyproject.toml.
std::vector<const DependencyManifest*> manifests_for(const std::vector<DependencyManifest>& all,
                                                     const std::string& dir) {
  std::vector<const DependencyManifest*> own;
  const DependencyManifest* project = nullptr;
  for (const auto& m : all) {
    bool declares = m.kind == facts::ManifestKind::Requirements || m.declares_dependencies;
    if (!declares) continue;
    if (m.dir == dir) {
      own.push_back(&m);
    } else if (m.kind == facts::ManifestKind::Pyproject && facts::path_within(m.dir, dir) &&
               (!project || project->dir.size() < m.dir.size())) {
      project = &m;
    }
  }
  if (own.empty() && project) own.push_back(project);
  // The file Databricks Apps installs comes first: requirements.txt.
  std::stable_partition(own.begin(), own.end(), [](const DependencyManifest* m) {
    return m->kind == facts::ManifestKind::Requirements;
  });
  return own;
}

struct Need {
  const facts::ModuleFacts* module;
  const facts::ImportFact* import;
};

// Distribution -> the first import that needs it, over the app code of folder `app`.
std::map<std::string, Need> needs_of(const facts::AppFacts& apps, std::size_t app) {
  std::map<std::string, Need> needs;
  for (const auto& m : apps.modules) {
    if (m.role != facts::ModuleRole::App || m.app != app) continue;
    for (const auto& imp : m.imports) {
      if (!imp.optional) needs.try_emplace(imp.distribution, Need{&m, &imp});
    }
  }
  return needs;
}

// A distribution listed only without a version, while at least two other distributions are
// listed and every line of each pins it: the file's convention is to pin, and this one is not.
bool unpinned_among_pins(const std::vector<const facts::Requirement*>& listed,
                         const std::vector<const facts::Requirement*>& siblings) {
  if (std::any_of(listed.begin(), listed.end(),
                  [](const facts::Requirement* r) { return r->versioned; })) {
    return false;
  }
  std::map<std::string, bool> pinned;  // by name: every line that lists it pins it
  for (const auto* r : siblings) {
    auto [it, fresh] = pinned.try_emplace(r->name, true);
    it->second = it->second && r->pinned;
  }
  return pinned.size() >= 2 &&
         std::all_of(pinned.begin(), pinned.end(), [](const auto& p) { return p.second; });
}

}  // namespace

void check_databricks_dependency_missing(const CheckContext& ctx) {
  const facts::AppFacts& apps = ctx.facts.apps;
  for (std::size_t a = 0; a < apps.folders.size(); ++a) {
    auto needs = needs_of(apps, a);
    if (needs.empty()) continue;
    auto manifests = manifests_for(ctx.facts.dependencies.manifests, apps.folders[a].dir);
    // No manifest at all: the app runs on the platform's preinstalled packages; nothing to fix
    // here.
    if (manifests.empty()) continue;
    std::vector<const facts::Requirement*> installed;
    for (const auto* m : manifests) {
      for (const auto& r : m->requirements) installed.push_back(&r);
    }
    const std::string& manifest = manifests.front()->path;
    std::string missing, imports;
    std::vector<RelatedLocation> related;
    for (const auto& [dist, need] : needs) {
      std::vector<const facts::Requirement*> listed, siblings;
      for (const auto* r : installed) (r->name == dist ? listed : siblings).push_back(r);
      std::string import = need.module->path + ":" + std::to_string(need.import->line) +
                           " imports " + need.import->module;
      RelatedLocation at_import{need.module->path,
                                {need.import->line, 1, need.import->line, 1},
                                "imports " + need.import->module};
      if (listed.empty()) {
        // One finding per manifest (they share line 1): every missing distribution in it.
        missing += (missing.empty() ? "" : " or ") + dist;
        imports += (imports.empty() ? "" : "; ") + import;
        related.push_back(at_import);
      } else if (unpinned_among_pins(listed, siblings)) {
        const facts::Requirement& r = *listed.front();
        Finding& f = ctx.report.add(
            ctx.rule, {r.file, {r.line, 1, r.line, 1}},
            dist + " is not pinned while the other requirements are (" + import + ")",
            r.file + ":" + dist + ":unpinned");
        f.related.push_back(at_import);
      }
    }
    if (missing.empty()) continue;
    Finding& f = ctx.report.add(ctx.rule, {manifest, {1, 1, 1, 1}},
                                manifest + " does not list " + missing + " (" + imports + ")",
                                manifest + ":missing:" + missing);
    f.related = std::move(related);
  }
}

}  // namespace obolint

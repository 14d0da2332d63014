#include "python/app_context.h"

#include "core/parallel.h"
#include "python/forwards.h"
#include "python/library_uses.h"
#include "python/module_role.h"

namespace obolint::py {
namespace {

struct ModuleResult {
  facts::ModuleFacts facts;
  std::vector<facts::LibraryReference> references;
  std::vector<facts::ConnectionCall> connections;
  std::vector<facts::ParameterForward> forwards;
};

}  // namespace

void describe_modules(const Project& project, const RuleSet& rules, unsigned jobs,
                      facts::AppFacts& apps) {
  AppContextData data = AppContextData::load(rules);
  std::vector<int> parsed;
  for (int i = 0; i < project.size(); ++i) {
    if (project.module(i)) parsed.push_back(i);
  }
  std::size_t n = parsed.size();
  std::vector<ModuleResult> results(n);
  // Each module is read by one thread: its resolver's memo is written by that thread only.
  parallel_for(n, jobs, [&](std::size_t i) {
    const Module& m = *project.module(parsed[i]);
    const Resolver& resolver = *project.resolver(parsed[i]);
    ModuleResult& out = results[i];
    out.facts.path = m.file().path();
    out.facts.app = facts::folder_of(apps.folders, out.facts.path);
    std::optional<std::string> app_dir;
    if (out.facts.app) app_dir = apps.folders[*out.facts.app].dir;
    ModuleShape shape = read_shape(m);
    RoleDecision role = decide_role(m, shape, data, app_dir);
    out.facts.role = role.role;
    out.facts.framework = role.framework;
    for (const auto& imp : shape.imports) {
      std::string dist = data.distribution_for(imp.module);
      if (!dist.empty()) out.facts.imports.push_back({imp.module, dist, imp.line, imp.optional});
    }
    find_references(resolver, data, i, out.references);
    find_connections(resolver, data, i, out.connections);
    // Only app code's helpers matter to the checks that follow the user's token into them.
    if (out.facts.role == facts::ModuleRole::App) find_forwards(m, i, out.forwards);
  });
  apps.modules.reserve(n);
  for (auto& r : results) {
    apps.modules.push_back(std::move(r.facts));
    apps.references.insert(apps.references.end(), std::make_move_iterator(r.references.begin()),
                           std::make_move_iterator(r.references.end()));
    apps.connections.insert(apps.connections.end(), std::make_move_iterator(r.connections.begin()),
                            std::make_move_iterator(r.connections.end()));
    apps.forwards.insert(apps.forwards.end(), std::make_move_iterator(r.forwards.begin()),
                         std::make_move_iterator(r.forwards.end()));
  }
}

}  // namespace obolint::py

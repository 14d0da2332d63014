#include "python/app_context.h"

#include <algorithm>

#include "core/parallel.h"
#include "python/library_uses.h"
#include "python/module_role.h"

namespace obolint::py {
namespace {

bool names_any(std::string_view src, const std::vector<std::string>& lower_spellings) {
  std::string lower(src);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::any_of(lower_spellings.begin(), lower_spellings.end(),
                     [&](const std::string& s) { return lower.find(s) != std::string::npos; });
}

struct ModuleResult {
  facts::ModuleFacts facts;
  std::vector<facts::LibraryReference> references;
  std::vector<facts::ConnectionCall> connections;
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
    out.facts.names_user_token = names_any(m.src(), data.header_spellings);
    find_references(resolver, data, i, out.references);
    find_connections(resolver, data, i, out.connections);
  });
  apps.modules.reserve(n);
  for (auto& r : results) {
    apps.modules.push_back(std::move(r.facts));
    apps.references.insert(apps.references.end(), std::make_move_iterator(r.references.begin()),
                           std::make_move_iterator(r.references.end()));
    apps.connections.insert(apps.connections.end(), std::make_move_iterator(r.connections.begin()),
                            std::make_move_iterator(r.connections.end()));
  }
}

}  // namespace obolint::py

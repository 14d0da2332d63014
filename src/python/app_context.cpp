#include "python/app_context.h"

#include "core/parallel.h"
#include "python/app_context_data.h"
#include "python/forwards.h"
#include "python/library_uses.h"
#include "python/module_role.h"

namespace obolint::py {

struct ModuleDescriber::Result {
  facts::ModuleFacts facts;
  // Their `module` fields are set when the results are put in order (finish).
  std::vector<facts::LibraryReference> references;
  std::vector<facts::ConnectionCall> connections;
  std::vector<facts::ParameterForward> forwards;
};

ModuleDescriber::ModuleDescriber(const RuleSet& rules, const Project& project,
                                 const std::vector<facts::AppFolder>& folders)
    : data_(std::make_unique<AppContextData>(AppContextData::load(rules))),
      project_(project),
      folders_(folders),
      results_(project.size()) {}

ModuleDescriber::~ModuleDescriber() = default;

void ModuleDescriber::describe(int i) {
  const Module* m = project_.module(i);
  if (!m || results_[i]) return;
  const Resolver& resolver = *project_.resolver(i);
  auto out = std::make_unique<Result>();
  out->facts.path = m->file().path();
  out->facts.app = facts::folder_of(folders_, out->facts.path);
  std::optional<std::string> app_dir;
  if (out->facts.app) app_dir = folders_[*out->facts.app].dir;
  ModuleShape shape = read_shape(*m);
  RoleDecision role = decide_role(*m, shape, *data_, app_dir);
  out->facts.role = role.role;
  out->facts.framework = role.framework;
  for (const auto& imp : shape.imports) {
    std::string dist = data_->distribution_for(imp.module);
    if (!dist.empty()) out->facts.imports.push_back({imp.module, dist, imp.line, imp.optional});
  }
  find_references(resolver, *data_, 0, out->references);
  find_connections(resolver, *data_, 0, out->connections);
  // Only app code's helpers matter to the checks that follow the user's token into them.
  if (out->facts.role == facts::ModuleRole::App) find_forwards(*m, 0, out->forwards);
  results_[i] = std::move(out);
}

void ModuleDescriber::describe_loaded(unsigned jobs) {
  std::vector<int> todo;
  for (int i = 0; i < project_.size(); ++i) {
    if (project_.module(i) && !results_[i]) todo.push_back(i);
  }
  parallel_for(todo.size(), jobs, [&](std::size_t k) { describe(todo[k]); });
}

void ModuleDescriber::finish(facts::AppFacts& apps) {
  for (auto& r : results_) {
    if (!r) continue;
    std::size_t index = apps.modules.size();
    apps.modules.push_back(std::move(r->facts));
    for (auto& x : r->references) x.module = index;
    for (auto& x : r->connections) x.module = index;
    for (auto& x : r->forwards) x.module = index;
    apps.references.insert(apps.references.end(), std::make_move_iterator(r->references.begin()),
                           std::make_move_iterator(r->references.end()));
    apps.connections.insert(apps.connections.end(), std::make_move_iterator(r->connections.begin()),
                            std::make_move_iterator(r->connections.end()));
    apps.forwards.insert(apps.forwards.end(), std::make_move_iterator(r->forwards.begin()),
                         std::make_move_iterator(r->forwards.end()));
    r.reset();
  }
}

}  // namespace obolint::py

#include "python/python_frontend.h"

#include "core/parallel.h"
#include "python/call_rules.h"
#include "python/project.h"
#include "python/token_flow.h"

namespace obolint {

void analyze_python(const std::vector<const SourceFile*>& files, const RuleSet& rules,
                    const SecretScanner& secrets, unsigned needs, std::vector<Finding>& findings,
                    facts::Facts& facts, std::vector<Note>& notes) {
  py::Project project;
  project.modules.resize(files.size());
  project.resolvers.resize(files.size());
  // Parsing and per-module resolution are independent per file: the bulk of the work.
  parallel_for(files.size(), [&](std::size_t i) {
    project.modules[i] = std::make_unique<py::Module>(*files[i]);
    project.resolvers[i] = std::make_unique<py::Resolver>(*project.modules[i], &project.index);
  });
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (const auto& err = project.modules[i]->parse_error()) notes.push_back(*err);
    project.index.add(project.resolvers[i].get());
  }
  // Call rules read other modules only through const lookups; each resolver's cache is written
  // by the one thread that checks its module.
  py::CallRules call_rules(rules, secrets);
  std::vector<std::vector<Finding>> per_module(files.size());
  parallel_for(files.size(),
               [&](std::size_t i) { call_rules.check(*project.resolvers[i], per_module[i]); });
  for (auto& v : per_module) {
    findings.insert(findings.end(), std::make_move_iterator(v.begin()),
                    std::make_move_iterator(v.end()));
  }
  if (needs & facts::kNeedTokenFlow) facts.token = py::analyze_token_flow(project, rules);
}

}  // namespace obolint

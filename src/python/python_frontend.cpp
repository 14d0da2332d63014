#include "python/python_frontend.h"

#include "python/call_rules.h"
#include "python/project.h"
#include "python/token_flow.h"

namespace obolint {

void analyze_python(const std::vector<const SourceFile*>& files, const RuleSet& rules,
                    const SecretScanner& secrets, std::vector<Finding>& findings,
                    std::vector<Note>& notes) {
  py::Project project;
  project.modules.reserve(files.size());
  for (const SourceFile* f : files) {
    project.modules.push_back(std::make_unique<py::Module>(*f));
    if (const auto& err = project.modules.back()->parse_error()) notes.push_back(*err);
  }
  for (const auto& m : project.modules) {
    project.resolvers.push_back(std::make_unique<py::Resolver>(*m, &project.index));
    project.index.add(project.resolvers.back().get());
  }
  py::CallRules call_rules(rules, secrets);
  for (const auto& r : project.resolvers) call_rules.check(*r, findings);
  py::analyze_token_flow(project, rules, findings);
}

}  // namespace obolint

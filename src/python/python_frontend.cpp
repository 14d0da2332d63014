#include "python/python_frontend.h"

#include <cstdlib>

#include "core/parallel.h"
#include "python/app_context.h"
#include "python/call_rules.h"
#include "python/token_flow.h"

namespace obolint {

void analyze_python(std::vector<py::PythonInput> inputs, const RuleSet& rules,
                    const std::vector<const RuleDef*>& active, const SecretScanner& secrets,
                    unsigned needs, unsigned jobs, std::vector<Finding>& findings,
                    facts::Facts& facts, std::vector<Note>& notes) {
  py::ResolverOptions options;
  const auto& resolution = rules.language("python")["resolution"];
  options.identity_keywords = string_array(resolution["identity_keywords"]);
  options.environment_prefixes = string_array(resolution["environment_prefixes"]);
  py::Project project(std::move(inputs), std::move(options));
  std::vector<int> kept;
  for (int i = 0; i < project.size(); ++i) {
    if (project.kept(i)) kept.push_back(i);
  }
  // Parsing the kept files and checking the pattern rules on them are independent per file: the
  // bulk of the work, on every core. A resolver's memo is written only by its own thread; other
  // modules are reached through the Project, which parses them once and resolves across modules
  // under its lock.
  py::CallRules call_rules(rules, active, secrets);
  std::vector<std::vector<Finding>> per_module(kept.size());
  // Hidden benchmark switch, not a user option: tools/bench compares "all rules" with this floor
  // (discovery, reading, the prefilter, the secret scan and the parse of the kept files; no rule).
  static const bool parse_only = std::getenv("OBOLINT_BENCH_PARSE_ONLY") != nullptr;
  // Modules parsed only to answer a name from another module are dropped again as the phase
  // goes (project.h): memory follows the kept files, not what they import.
  project.begin_streaming();
  parallel_for(kept.size(), jobs, [&](std::size_t k) {
    const py::Resolver* r = project.load(kept[k]);
    if (r && !parse_only) call_rules.check(*r, per_module[k]);
  });
  project.end_streaming();
  if (parse_only) {
    for (auto& n : project.parse_notes()) notes.push_back(std::move(n));
    return;
  }
  for (auto& v : per_module) {
    findings.insert(findings.end(), std::make_move_iterator(v.begin()),
                    std::make_move_iterator(v.end()));
  }
  if (needs & facts::kNeedTokenFlow) facts.token = py::analyze_token_flow(project, rules);
  // facts.apps.folders are known already (engine/analyze.cpp reads them before the Python files);
  // the modules described are those parsed by now (kept by the prefilter, or loaded on demand by
  // the token flow).
  if (needs & facts::kNeedAppContext) py::describe_modules(project, rules, jobs, facts.apps);
  for (auto& n : project.parse_notes()) notes.push_back(std::move(n));
}

}  // namespace obolint

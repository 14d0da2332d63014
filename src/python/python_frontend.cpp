#include "python/python_frontend.h"

#include <algorithm>
#include <cstdlib>

#include "core/literal_set.h"
#include "core/parallel.h"
#include "python/app_context.h"
#include "python/call_rules.h"
#include "python/flow_literals.h"
#include "python/token_flow.h"

namespace obolint {
namespace {

// A kept module's tree stays for the token flow when its text holds a word the flow starts from
// (flow_literals.h); without one it is dropped after the pattern rules, and the flow parses it
// again if it turns out to call a helper that gives the token (it imports that helper's module).
// In app code a header dump is a start too (token_flow.h).
struct FlowStart {
  LiteralSet words;
  LiteralSet app_words;  // in app code only: common words (a dump's map, Django's `request`)
  LiteralSet dump_maps;

  explicit FlowStart(py::FlowLiterals literals)
      : words(with(std::move(literals.sources), std::move(literals.holders)), true),
        app_words(std::move(literals.app_holders), true),
        dump_maps(std::move(literals.dump_maps), false) {}
  static std::vector<std::string> with(std::vector<std::string> a, std::vector<std::string> b) {
    a.insert(a.end(), std::make_move_iterator(b.begin()), std::make_move_iterator(b.end()));
    return a;
  }
  bool in(std::string_view text, bool app_code) const {
    return words.any_in(text) || (app_code && (dump_maps.any_in(text) || app_words.any_in(text)));
  }
};

}  // namespace

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
  const bool token_flow = (needs & facts::kNeedTokenFlow) != 0;
  const bool app_context = (needs & facts::kNeedAppContext) != 0;
  const FlowStart flow_start(py::flow_literals(rules));
  // App code: a dump of the request's headers carries the token there (token_flow.h).
  std::vector<bool> in_app(project.size(), false);
  for (int i = 0; i < project.size(); ++i) {
    in_app[i] = facts::folder_of(facts.apps.folders, project.path(i)).has_value();
  }
  py::ModuleDescriber describer(rules, project, facts.apps.folders);
  // Parsing the kept files, checking the pattern rules and describing them are independent per
  // file: the bulk of the work, on every core. A tree the token flow will not start from is
  // dropped as soon as its file is done, and modules parsed only to answer a name from another
  // module are dropped as the phase goes (project.h): memory follows the files that matter to the
  // flow, not the tree. A resolver's memo is written only by its own thread; other modules are
  // reached through the Project, which resolves across modules under its lock.
  py::CallRules call_rules(rules, active, secrets);
  std::vector<std::vector<Finding>> per_module(kept.size());
  // Hidden benchmark switch, not a user option: tools/bench compares "all rules" with this floor
  // (discovery, reading, the prefilter, the secret scan and the parse of the kept files; no rule).
  static const bool parse_only = std::getenv("OBOLINT_BENCH_PARSE_ONLY") != nullptr;
  project.begin_streaming();
  parallel_for(kept.size(), jobs, [&](std::size_t k) {
    const py::Resolver* r = project.acquire(kept[k]);
    bool keep = false;
    if (r && !parse_only) {
      call_rules.check(*r, per_module[k]);
      if (app_context) describer.describe(kept[k]);
      std::string_view src = r->module().src();
      keep = token_flow && flow_start.in(src, in_app[kept[k]]);
    }
    project.done(kept[k], keep);
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
  if (token_flow) facts.token = py::analyze_token_flow(project, rules, in_app);
  // facts.apps.folders are known already (engine/analyze.cpp reads them before the Python files).
  // Modules the token flow parsed on demand are described too.
  if (app_context) {
    describer.describe_loaded(jobs);
    describer.finish(facts.apps);
  }
  for (auto& n : project.parse_notes()) notes.push_back(std::move(n));
}

}  // namespace obolint

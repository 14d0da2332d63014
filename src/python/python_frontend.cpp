#include "python/python_frontend.h"

#include <algorithm>
#include <cstdlib>

#include "core/literal_set.h"
#include "core/parallel.h"
#include "python/app_context.h"
#include "python/call_rules.h"
#include "python/token_flow.h"

namespace obolint {
namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// What a module's text must hold for the token flow to start from it: the token's header (both
// spellings), a configured source function, a request-scoped holder (`flask.g` -> "flask",
// `*.request.state` -> "request.state"). A kept module without any is dropped after the pattern
// rules; the flow parses it again if it turns out to call a helper that gives the token (it
// imports that helper's module).
LiteralSet flow_start_literals(const RuleSet& rules) {
  std::vector<std::string> out;
  for (const auto& h : string_array(rules.language("common")["token"]["headers"])) {
    std::string l = lower(h);
    out.push_back(l);
    std::replace(l.begin(), l.end(), '-', '_');
    out.push_back(l);
  }
  const auto& flow = rules.language("python")["token_flow"];
  for (const char* key : {"source_functions", "checked_source_functions"}) {
    for (const auto& f : string_array(flow[key])) {
      std::string name = f.ends_with("()") ? f.substr(0, f.size() - 2) : f;
      out.push_back(lower(name.substr(name.rfind('.') + 1)));
    }
  }
  for (const auto& holder : string_array(flow["request_scoped"])) {
    out.push_back(
        lower(holder.starts_with("*.") ? holder.substr(2) : holder.substr(0, holder.find('.'))));
  }
  std::erase_if(out, [](const std::string& s) { return s.empty(); });
  return LiteralSet(std::move(out), true);
}

// The last names of the request's header mappings a dump reads (`headers`).
LiteralSet dump_map_literals(const RuleSet& rules) {
  std::vector<std::string> out;
  for (auto m : string_array(rules.language("python")["token_flow"]["header_dump_maps"])) {
    if (m.ends_with("()")) m.resize(m.size() - 2);
    out.push_back(m.substr(m.rfind('.') + 1));
  }
  return LiteralSet(std::move(out), false);
}

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
  LiteralSet flow_start = flow_start_literals(rules);
  // App code: a dump of the request's headers carries the token there (token_flow.h).
  std::vector<bool> in_app(project.size(), false);
  LiteralSet dump_maps = dump_map_literals(rules);
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
      keep = token_flow && (flow_start.any_in(src) || (in_app[kept[k]] && dump_maps.any_in(src)));
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

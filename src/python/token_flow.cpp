#include "python/token_flow.h"

#include <set>

#include "python/flow_engine.h"
#include "python/flow_interp.h"
#include "python/flow_patterns.h"
#include "python/ts_util.h"

namespace obolint::py {

// 1. Modules that mention the header (or a configured wrapper) are relevant; every function in
//    them is summarized (summaries of callees elsewhere are computed on demand).
// 2. A module that mentions a function whose summary returns the token becomes relevant too,
//    until nothing changes: helper chains across modules.
// 3. Every relevant module is interpreted in report mode: module code, then each function.
void analyze_token_flow(const Project& project, const RuleSet& rules,
                        std::vector<Finding>& findings) {
  flow::FlowPatterns patterns = flow::FlowPatterns::load(rules);
  if (!patterns.enabled() || project.modules.empty()) return;
  flow::Engine engine(project, patterns);

  std::vector<std::string> wrapper_names = patterns.source_functions.names();
  for (auto& n : patterns.checked_source_functions.names()) wrapper_names.push_back(n);
  auto mentions = [](std::string_view text, const std::vector<std::string>& names) {
    for (const auto& n : names) {
      if (!n.empty() && text.find(n) != std::string_view::npos) return true;
    }
    return false;
  };

  int count = engine.module_count();
  std::vector<bool> relevant(count, false);
  std::vector<std::vector<TSNode>> roots(count);
  std::vector<std::string> returning;  // names of functions that return the token
  std::set<std::string> seen_names;
  auto summarize = [&](int m) {
    relevant[m] = true;
    roots[m] = flow::root_functions(engine.module(m).root());
    for (TSNode fn : roots[m]) {
      const flow::Summary* s = engine.summary(m, fn);
      std::string name(text_of(field(fn, "name"), engine.module(m).src()));
      if (s && s->returns && seen_names.insert(name).second) returning.push_back(name);
    }
  };
  for (int m = 0; m < count; ++m) {
    std::string_view text = engine.module(m).src();
    if (patterns.mentions_header(text) || mentions(text, wrapper_names)) summarize(m);
  }
  for (bool changed = true; changed;) {
    changed = false;
    for (int m = 0; m < count; ++m) {
      if (relevant[m] || !mentions(engine.module(m).src(), returning)) continue;
      summarize(m);
      changed = true;
    }
  }
  for (int m = 0; m < count; ++m) {
    if (!relevant[m]) continue;
    flow::Interp(engine, m, flow::Interp::Mode::Report, "<module>").run_module();
    for (TSNode fn : roots[m]) {
      flow::Interp in(engine, m, flow::Interp::Mode::Report,
                      flow::qualified_name(fn, engine.module(m).src()));
      in.run_function(fn, flow::State{});
    }
  }
  for (auto& f : engine.take_findings()) findings.push_back(std::move(f));
}

}  // namespace obolint::py

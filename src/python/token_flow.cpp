#include "python/token_flow.h"

#include <set>

#include "python/flow_engine.h"
#include "python/flow_interp.h"
#include "python/flow_patterns.h"
#include "python/ts_util.h"

namespace obolint::py {

// 1. Functions whose text mentions the header (or a configured wrapper) are summarized
//    (summaries of the callees they reach are computed on demand, in any module).
// 2. A function that mentions a function whose summary returns the token is summarized too,
//    until nothing changes: helper chains across modules. Modules and functions that mention
//    none of these names are never interpreted (the text test is the fast path).
// 3. Every such function, and the top-level code of its module, is interpreted in report mode.
facts::TokenFacts analyze_token_flow(const Project& project, const RuleSet& rules) {
  flow::FlowPatterns patterns = flow::FlowPatterns::load(rules);
  if (project.modules.empty()) return {};
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
  std::vector<std::vector<bool>> done(count);
  std::vector<std::string> names = wrapper_names;  // wrappers + functions returning the token
  std::set<std::string> seen_names(names.begin(), names.end());
  // Could this text hold a source? The header itself, a wrapper, or a helper returning it.
  auto may_hold_source = [&](std::string_view text) {
    return patterns.mentions_header(text) || mentions(text, names);
  };
  for (bool changed = true; changed;) {
    changed = false;
    for (int m = 0; m < count; ++m) {
      std::string_view src = engine.module(m).src();
      if (!may_hold_source(src)) continue;
      if (!relevant[m]) {
        relevant[m] = true;
        roots[m] = flow::root_functions(engine.module(m).root());
        done[m].assign(roots[m].size(), false);
      }
      for (std::size_t i = 0; i < roots[m].size(); ++i) {
        if (done[m][i] || !may_hold_source(text_of(roots[m][i], src))) continue;
        done[m][i] = true;
        const flow::Summary* s = engine.summary(m, roots[m][i]);
        std::string name(text_of(field(roots[m][i], "name"), src));
        if (s && s->returns && seen_names.insert(name).second) {
          names.push_back(name);
          changed = true;
        }
      }
    }
  }
  for (int m = 0; m < count; ++m) {
    if (!relevant[m]) continue;
    std::string_view src = engine.module(m).src();
    // Functions start from the globals the module code leaves (a Streamlit script's token read
    // at module level and used in a function); a module function is called after it ran.
    flow::State globals =
        flow::Interp(engine, m, flow::Interp::Mode::Report, "<module>").run_module();
    for (TSNode fn : roots[m]) {
      bool uses_global = false;
      for (const auto& [name, t] : globals.vars) {
        uses_global = uses_global || text_of(fn, src).find(name) != std::string_view::npos;
      }
      if (!uses_global && !may_hold_source(text_of(fn, src))) continue;
      flow::Interp in(engine, m, flow::Interp::Mode::Report, flow::qualified_name(fn, src));
      in.run_function(fn, globals);
    }
  }
  return engine.take_facts();
}

}  // namespace obolint::py

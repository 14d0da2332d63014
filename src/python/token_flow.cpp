#include "python/token_flow.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <unordered_set>

#include "python/flow_engine.h"
#include "python/flow_interp.h"
#include "python/flow_patterns.h"
#include "python/mentions.h"
#include "python/ts_util.h"

namespace obolint::py {
namespace {

// Names that hold the header at module or class level (`HEADER = "X-Forwarded-Access-Token"`,
// an enum member, a settings class attribute): a function that reads the header through one of
// them mentions only the name. Top-level statements and class bodies only: bounded by the
// module's size, no recursion into functions.
void header_constant_names(const Module& m, const flow::FlowPatterns& patterns,
                           std::vector<std::string>& out) {
  std::string_view src = m.src();
  std::vector<TSNode> blocks{m.root()};
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    for (TSNode st : named_children(blocks[b])) {
      if (is(st, "decorated_definition")) st = field(st, "definition");
      if (is(st, "class_definition")) {
        blocks.push_back(field(st, "body"));
        continue;
      }
      if (!is(st, "expression_statement") || ts_node_named_child_count(st) != 1) continue;
      TSNode a = ts_node_named_child(st, 0);
      if (!is(a, "assignment")) continue;
      TSNode left = field(a, "left"), right = field(a, "right");
      if (!is(left, "identifier") || ts_node_is_null(right) || !is(right, "string")) continue;
      if (patterns.mentions_header(text_of(right, src))) out.emplace_back(text_of(left, src));
    }
  }
}

// The modules the flow looks at, and which of their functions may hold a token: demand-driven,
// so modules and functions that mention no source (the header, a configured wrapper, a helper
// that returns the token) are never interpreted, and unparsed modules are parsed only when they
// import a module that gives the token.
class Orchestrator {
  static constexpr int kCellRounds = 2;

 public:
  Orchestrator(Project& project, const flow::FlowPatterns& patterns, flow::Engine& engine,
               const std::vector<bool>& in_app)
      : project_(project), patterns_(patterns), engine_(engine), in_app_(in_app) {
    int n = project.size();
    mentions_.resize(n);
    roots_.resize(n);
    done_.resize(n);
    relevant_.assign(n, false);
    gives_token_.assign(n, false);
    for (auto& name : patterns.source_functions.names()) add_name(name);
    for (auto& name : patterns.checked_source_functions.names()) add_name(name);
    dump_names_ = patterns.header_dump_maps.names();
    holder_names_ = patterns.request_scoped.names();
    app_holder_names_ = patterns.request_scoped_in_apps.names();
  }

  // 1. Functions that may hold a source are summarized (callees' summaries on demand, in any
  //    module); a function whose summary returns the token makes its name a source too.
  // 2. Modules not parsed yet that import a module giving the token are parsed and join.
  // Until nothing changes: helper chains across modules.
  //
  // A token kept in a cell (a class attribute, a context variable) makes its readers sources
  // too: when cells change, summaries are computed again (a few rounds at most: each round can
  // only add cells).
  void summarize_to_fixpoint() {
    for (int round = 0; round < kCellRounds; ++round) {
      for (bool changed = true; changed;) {
        changed = false;
        for (int m = 0; m < project_.size(); ++m) {
          if (project_.module(m) && summarize_module(m)) changed = true;
        }
        if (load_importers()) changed = true;
      }
      if (!engine_.take_cells_changed()) break;
      engine_.clear_summaries();
      for (auto& d : done_) d.assign(d.size(), false);
      // A cell's readers are in its own module or in modules that import it (`self.token` in
      // the class, a typed parameter, an imported context variable): its name makes functions
      // candidates there only. Everywhere, "token" would wake every tokenizer of a large tree.
      for (const auto& [module, name] : engine_.cells_by_module()) {
        if (module < 0) {
          // Read as `g.name`, `request.state.name` or getattr(request.state, "name", None).
          if (request_names_.insert(name).second) ++scoped_version_;
        } else {
          scoped_names_[module].insert(name);
          ++scoped_version_;
        }
      }
    }
  }

  // 3. Every relevant function, and the top-level code of its module, in report mode.
  void report() {
    for (int m = 0; m < project_.size(); ++m) {
      if (!relevant_[m]) continue;
      std::string_view src = engine_.module(m).src();
      // Functions start from the globals the module code leaves (a Streamlit script's token
      // read at module level and used in a function); a module function is called after it ran.
      flow::State globals =
          flow::Interp(engine_, m, flow::Interp::Mode::Report, "<module>").run_module();
      for (TSNode fn : roots_[m]) {
        uint32_t b = ts_node_start_byte(fn), e = ts_node_end_byte(fn);
        bool uses_global = false;
        for (const auto& [key, t] : globals.vars) {
          uses_global = uses_global || mentions(m).names(key.substr(0, key.find('.')), b, e);
        }
        // A handler of an exception raised where the token is missing (`except MissingToken:`)
        // runs in the missing-token case.
        bool handles_missing = false;
        for (const auto& [name, t] : engine_.missing_raises()) {
          handles_missing = handles_missing || mentions(m).names(name, b, e);
        }
        if (!uses_global && !handles_missing && !may_hold_source(m, b, e)) continue;
        flow::Interp in(engine_, m, flow::Interp::Mode::Report, flow::qualified_name(fn, src));
        in.run_function(fn, globals);
      }
    }
  }

 private:
  const Mentions& mentions(int m) {
    if (!mentions_[m]) {
      mentions_[m] = std::make_unique<Mentions>(engine_.module(m), [&](std::string_view text) {
        return patterns_.mentions_header(text);
      });
    }
    return *mentions_[m];
  }

  bool may_hold_source(int m, uint32_t begin, uint32_t end) {
    const Mentions& x = mentions(m);
    if (x.header(begin, end) || x.any_of(names_, names_version_, begin, end)) return true;
    if (!scoped_names_.empty()) {
      for (int k : scoped_modules_of(m)) {
        for (const auto& name : scoped_names_[k]) {
          if (x.names(name, begin, end)) return true;
        }
      }
    }
    // A function that takes every header at once (`dict(request.headers)`) may dump the token,
    // in a module that talks about the token's header or is app code (not every web module of a
    // library tree: the cost).
    bool app_code = static_cast<std::size_t>(m) < in_app_.size() && in_app_[m];
    if (reads_request_cell(x, begin, end, app_code)) return true;
    return (x.header() || app_code) &&
           std::any_of(dump_names_.begin(), dump_names_.end(),
                       [&](const auto& n) { return x.names(n, begin, end); });
  }

  // `g.user_token`, `request.state.w`, getattr(request.state, "w", None): a holder of
  // request-scoped cells together with one of their names (or getattr). Neither alone: `state`
  // and one-letter names are everywhere in a large tree.
  bool reads_request_cell(const Mentions& x, uint32_t begin, uint32_t end, bool app_code) const {
    if (request_names_.empty()) return false;
    auto named = [&](const auto& n) { return x.names(n, begin, end); };
    bool holder =
        std::any_of(holder_names_.begin(), holder_names_.end(), named) ||
        (app_code && std::any_of(app_holder_names_.begin(), app_holder_names_.end(), named));
    if (!holder) return false;
    if (x.names("getattr", begin, end)) return true;
    return std::any_of(request_names_.begin(), request_names_.end(),
                       [&](const auto& n) { return x.names(n, begin, end); });
  }

  // Module m and the modules it imports that hold cells.
  std::vector<int> scoped_modules_of(int m) {
    auto& cached = scoped_modules_[m];
    if (cached.first != scoped_version_) {
      cached.second.clear();
      if (scoped_names_.count(m)) cached.second.push_back(m);
      for (int k : project_.imported(m)) {
        if (scoped_names_.count(k)) cached.second.push_back(k);
      }
      cached.first = scoped_version_;
    }
    return cached.second;
  }

  bool add_name(const std::string& name) {
    if (!names_.insert(name).second) return false;
    ++names_version_;
    return true;
  }

  // Summarizes the functions of module m that may hold a source; true when a new helper name
  // was found.
  bool summarize_module(int m) {
    if (!may_hold_source(m, 0, UINT32_MAX)) return false;
    std::string_view src = engine_.module(m).src();
    bool found = false;
    if (!relevant_[m]) {
      relevant_[m] = true;
      roots_[m] = flow::root_functions(engine_.module(m).root());
      done_[m].assign(roots_[m].size(), false);
      if (mentions(m).header()) {
        gives_token_[m] = true;  // a header constant, or a read
        std::vector<std::string> constants;
        header_constant_names(engine_.module(m), patterns_, constants);
        // A new name: the modules already passed over may read the header through it (`from
        // settings import TOKEN_HEADER` in a module before settings), so another round.
        for (auto& c : constants) found = add_name(c) || found;
      }
    }
    for (std::size_t i = 0; i < roots_[m].size(); ++i) {
      TSNode fn = roots_[m][i];
      if (done_[m][i] || !may_hold_source(m, ts_node_start_byte(fn), ts_node_end_byte(fn))) {
        continue;
      }
      done_[m][i] = true;
      const flow::Summary* s = engine_.summary(m, fn);
      if (s && s->returns) {
        gives_token_[m] = true;
        // Its callers are in this module or in modules that import it: the name matters there.
        if (scoped_names_[m].insert(std::string(text_of(field(fn, "name"), src))).second) {
          ++scoped_version_;
          found = true;
        }
      }
    }
    if (add_aliases(m)) found = true;
    return found;
  }

  // Module-level names bound to something that names a scoped name (`UserToken =
  // Annotated[str, Depends(get_token)]`): a function that mentions only the alias is a candidate.
  bool add_aliases(int m) {
    auto it = scoped_names_.find(m);
    if (it == scoped_names_.end()) return false;
    const Module& mod = engine_.module(m);
    bool added = false;
    for (TSNode st : named_children(mod.root())) {
      if (!is(st, "expression_statement") || ts_node_named_child_count(st) != 1) continue;
      TSNode a = ts_node_named_child(st, 0);
      if (!is(a, "assignment")) continue;
      TSNode left = field(a, "left"), right = field(a, "right");
      if (!is(left, "identifier") || ts_node_is_null(right)) continue;
      uint32_t b = ts_node_start_byte(right), e = ts_node_end_byte(right);
      bool names_one = false;
      for (const auto& name : it->second) names_one = names_one || mentions(m).names(name, b, e);
      if (names_one && it->second.insert(std::string(text_of(left, mod.src()))).second) {
        ++scoped_version_;
        added = true;
      }
    }
    return added;
  }

  // Parses the modules not parsed yet that import a module giving the token; true when any.
  bool load_importers() {
    bool loaded = false;
    for (int u = 0; u < project_.size(); ++u) {
      if (project_.module(u)) continue;
      for (int t : project_.imported(u)) {
        if (gives_token_[t] && project_.load(u)) {
          loaded = true;
          break;
        }
      }
    }
    return loaded;
  }

  Project& project_;
  const flow::FlowPatterns& patterns_;
  flow::Engine& engine_;
  const std::vector<bool>& in_app_;
  std::vector<std::unique_ptr<Mentions>> mentions_;
  std::vector<std::vector<TSNode>> roots_;
  std::vector<std::vector<bool>> done_;
  std::vector<bool> relevant_;
  std::vector<bool> gives_token_;  // reads the header, names it in a constant, returns the token
  std::unordered_set<std::string> names_;  // wrappers, helpers returning the token, cells
  uint64_t names_version_ = 0;
  std::vector<std::string> dump_names_;        // last names of the header mappings a dump reads
  std::vector<std::string> holder_names_;      // g, state: request-scoped objects
  std::vector<std::string> app_holder_names_;  // in app code only
  std::set<std::string> request_names_;        // attributes kept on them
  // Names that make a function a candidate in one module and its importers: the module's cells
  // and its helpers that return the token.
  std::map<int, std::set<std::string>> scoped_names_;
  uint64_t scoped_version_ = 0;
  std::map<int, std::pair<uint64_t, std::vector<int>>> scoped_modules_;  // cached per module
};

}  // namespace

facts::TokenFacts analyze_token_flow(Project& project, const RuleSet& rules,
                                     const std::vector<bool>& in_app) {
  flow::FlowPatterns patterns = flow::FlowPatterns::load(rules);
  if (project.size() == 0) return {};
  flow::Engine engine(project, patterns);
  engine.set_app_code(&in_app);
  Orchestrator run(project, patterns, engine, in_app);
  run.summarize_to_fixpoint();
  run.report();
  return engine.take_facts();
}

}  // namespace obolint::py

#include "python/flow_engine.h"

#include "python/flow_interp.h"
#include "python/ts_util.h"

namespace obolint::py::flow {
namespace {

TSNode method_named(TSNode cls, std::string_view name, std::string_view src) {
  for (TSNode m : kids(field(cls, "body"))) {
    TSNode def = is(m, "decorated_definition") ? field(m, "definition") : m;
    if (is(def, "function_definition") && text_of(field(def, "name"), src) == name) return def;
  }
  return TSNode{};
}

}  // namespace

Engine::Engine(Project& project, const FlowPatterns& patterns)
    : project_(project), patterns_(patterns) {}

// A function or class named by a dotted path of another scanned module, parsed on demand.
std::optional<Callee> Engine::callee_at_path(const std::string& path, int near) const {
  auto cut = path.rfind('.');
  if (path.empty() || cut == std::string::npos || path.find('(') != std::string::npos) {
    return std::nullopt;
  }
  int index = project_.find_module_index(std::string_view(path).substr(0, cut), near);
  const Resolver* other = project_.load(index);  // a helper's module, parsed on demand
  if (!other) {
    // module.Class.method: a class- or static method called through its class
    // (`state.Workspace.bind(token)`).
    auto cls_cut = cut == 0 ? std::string::npos : path.rfind('.', cut - 1);
    if (cls_cut == std::string::npos) return std::nullopt;
    int owner = project_.find_module_index(std::string_view(path).substr(0, cls_cut), near);
    if (!project_.load(owner)) return std::nullopt;
    TSNode cls = class_named(owner, std::string_view(path).substr(cls_cut + 1, cut - cls_cut - 1));
    if (ts_node_is_null(cls)) return std::nullopt;
    std::string_view owner_src = this->module(owner).src();
    std::string method = path.substr(cut + 1);
    TSNode m = method_named(cls, method, owner_src);
    if (ts_node_is_null(m)) return std::nullopt;
    TSNode parent = ts_node_parent(m);
    std::string_view decorators =
        is(parent, "decorated_definition")
            ? text_of(parent, owner_src)
                  .substr(0, ts_node_start_byte(m) - ts_node_start_byte(parent))
            : std::string_view();
    // A classmethod receives the class first; a static method or a plain function called
    // through the class receives the arguments as written.
    int offset = decorators.find("classmethod") != std::string_view::npos ? 1 : 0;
    return Callee{owner, m, offset, method};
  }
  std::string name = path.substr(cut + 1);
  TSNode f = other->function_named(name);
  if (!ts_node_is_null(f)) return Callee{index, f, 0, name};
  TSNode cls = class_named(index, name);
  if (ts_node_is_null(cls)) return std::nullopt;
  return Callee{index, method_named(cls, "__init__", this->module(index).src()), 1, name, cls};
}

// self.f(x), cls.f(x), Klass.from_token(t) (a classmethod or static method of this module's
// class), or a function of another module reached through an attribute.
std::optional<Callee> Engine::resolve_method(int module, TSNode fn) const {
  const Resolver& r = resolver(module);
  std::string_view src = this->module(module).src();
  TSNode call = fn;  // for the enclosing class of self.method
  std::string_view obj = text_of(field(fn, "object"), src);
  std::string name(text_of(field(fn, "attribute"), src));
  if (obj == "self" || obj == "cls") {
    TSNode cls = enclosing(call, "class_definition");
    if (ts_node_is_null(cls)) return std::nullopt;
    TSNode m = method_named(cls, name, src);
    if (ts_node_is_null(m)) return std::nullopt;
    // self.f(x) passes self as the first parameter, except to a @staticmethod.
    int offset = 1;
    TSNode parent = ts_node_parent(m);
    if (is(parent, "decorated_definition") &&
        text_of(parent, src)
                .substr(0, ts_node_start_byte(m) - ts_node_start_byte(parent))
                .find("staticmethod") != std::string_view::npos) {
      offset = 0;
    }
    return Callee{module, m, offset, name};
  }
  // Klass.from_token(t): a classmethod (cls comes first, implicitly) or a static method of a
  // class of this module.
  TSNode object = field(fn, "object");
  if (is(object, "identifier") && r.bindings_of(obj, object).empty()) {
    TSNode cls = class_named(module, obj);
    TSNode m = ts_node_is_null(cls) ? TSNode{} : method_named(cls, name, src);
    TSNode parent = ts_node_is_null(m) ? TSNode{} : ts_node_parent(m);
    if (is(parent, "decorated_definition")) {
      std::string_view decorators =
          text_of(parent, src).substr(0, ts_node_start_byte(m) - ts_node_start_byte(parent));
      if (decorators.find("classmethod") != std::string_view::npos) {
        return Callee{module, m, 1, name};
      }
      if (decorators.find("staticmethod") != std::string_view::npos) {
        return Callee{module, m, 0, name};
      }
    }
  }
  return callee_at_path(r.resolve(fn), module);
}

std::optional<Callee> Engine::resolve_callee_named(int module, TSNode fn) const {
  if (ts_node_is_null(fn)) return std::nullopt;
  const Resolver& r = resolver(module);
  std::string_view src = this->module(module).src();
  TSNode call = fn;  // for the enclosing class of self.method
  if (is(fn, "identifier")) {
    std::string name(text_of(fn, src));
    if (name == "cls") {
      // cls(token=token) in a classmethod constructor: the enclosing class.
      TSNode cls = enclosing(call, "class_definition");
      if (!ts_node_is_null(cls)) {
        std::string cls_name(text_of(field(cls, "name"), src));
        return Callee{module, method_named(cls, "__init__", src), 1, cls_name, cls};
      }
    }
    if (r.bindings_of(name, fn).empty()) {
      TSNode local = r.function_named(name);
      if (!ts_node_is_null(local)) return Callee{module, local, 0, name};
      TSNode cls = class_named(module, name);
      if (!ts_node_is_null(cls)) {
        return Callee{module, method_named(cls, "__init__", src), 1, name, cls};
      }
      if (auto it = r.imports().find(name); it != r.imports().end())
        return callee_at_path(it->second, module);
    }
    return std::nullopt;
  }
  if (is(fn, "attribute")) return resolve_method(module, fn);
  return std::nullopt;
}

TSNode Engine::class_named(int module, std::string_view name) const {
  auto [it, fresh] = classes_.try_emplace(module);
  if (fresh) {
    std::string_view src = this->module(module).src();
    for (TSNode n : kids(this->module(module).root())) {
      TSNode def = is(n, "decorated_definition") ? field(n, "definition") : n;
      if (is(def, "class_definition")) it->second.emplace(text_of(field(def, "name"), src), def);
    }
  }
  auto c = it->second.find(name);
  return c == it->second.end() ? TSNode{} : c->second;
}

std::string Engine::class_cell(int module, TSNode cls, std::string_view src,
                               std::string_view attr) {
  return std::to_string(module) + ":" + std::string(text_of(field(cls, "name"), src)) + "." +
         std::string(attr);
}

std::string Engine::module_cell(int module, std::string_view name) const {
  return std::to_string(module) + ":" + std::string(name);
}

void Engine::write_cell(const std::string& cell, const Taint& t) {
  auto it = cells_.find(cell);
  if (it == cells_.end()) {
    cells_.emplace(cell, t);
    cells_changed_ = true;
    return;
  }
  Taint joined = *join(std::optional<Taint>(it->second), std::optional<Taint>(t));
  if (joined.mask != it->second.mask || joined.client != it->second.client) cells_changed_ = true;
  it->second = std::move(joined);
}

const Taint* Engine::read_cell(const std::string& cell) const {
  auto it = cells_.find(cell);
  return it == cells_.end() ? nullptr : &it->second;
}

std::vector<std::pair<std::string, Taint>> Engine::class_cells(int module, TSNode cls) const {
  std::vector<std::pair<std::string, Taint>> out;
  std::string prefix = class_cell(module, cls, this->module(module).src(), "");
  for (auto it = cells_.lower_bound(prefix); it != cells_.end() && it->first.starts_with(prefix);
       ++it) {
    out.emplace_back(it->first.substr(prefix.size()), it->second);
  }
  return out;
}

std::vector<std::pair<int, std::string>> Engine::cells_by_module() const {
  std::vector<std::pair<int, std::string>> out;
  for (const auto& [cell, t] : cells_) {
    std::size_t colon = cell.find(':');
    int module = -1;
    if (colon != std::string::npos && colon > 0 &&
        std::isdigit(static_cast<unsigned char>(cell[0]))) {
      module = std::stoi(cell.substr(0, colon));
    }
    std::size_t cut = cell.find_last_of(".:");
    out.emplace_back(module, cell.substr(cut + 1));
  }
  return out;
}

std::vector<std::string> Engine::cell_names() const {
  std::vector<std::string> out;
  for (const auto& [cell, t] : cells_) {
    std::size_t cut = cell.find_last_of(".:");
    out.push_back(cell.substr(cut + 1));
  }
  return out;
}

bool Engine::take_cells_changed() {
  bool changed = cells_changed_;
  cells_changed_ = false;
  return changed;
}

namespace {

// What each tuple element holds when every return that holds the token is a tuple of one size
// (the token wins over a client built with it); empty when some return of the token is not a
// tuple, or the sizes differ.
std::vector<Element> token_elements(const Interp& in) {
  std::vector<Element> out;
  for (std::size_t r = 0; r < in.return_values.size() && r < in.return_elements.size(); ++r) {
    if (!in.return_values[r].taint || !in.return_values[r].taint->is_source()) continue;
    const std::vector<Element>& e = in.return_elements[r];
    if (e.empty() || (!out.empty() && out.size() != e.size())) return {};
    if (out.empty()) out.assign(e.size(), Element::Other);
    for (std::size_t i = 0; i < e.size(); ++i) {
      if (e[i] == Element::Token || (e[i] == Element::Client && out[i] == Element::Other)) {
        out[i] = e[i];
      }
    }
  }
  return out;
}

}  // namespace

const Summary* Engine::summary(int module, TSNode fn) {
  if (ts_node_is_null(fn)) return nullptr;
  std::pair<int, uint32_t> key{module, ts_node_start_byte(fn)};
  if (auto it = summaries_.find(key); it != summaries_.end()) {
    return it->second ? &*it->second : nullptr;
  }
  summaries_[key] = std::nullopt;  // in progress: a recursive call sees no summary
  Interp in(*this, module, Interp::Mode::Summary, qualified_name(fn, this->module(module).src()));
  in.run_function(fn, State{});
  Summary sum;
  std::size_t n = in.params.size();
  sum.param_returned.assign(n, -1);
  sum.param_returned_as_client.assign(n, true);
  sum.param_on_exit.assign(n, 0);
  // A helper that returns the token on one path and None (or nothing) on another returns a
  // token that may be missing, whatever it checked on the first path.
  unsigned also_returns = 0;
  if (in.exit_states.size() > in.return_values.size()) also_returns |= kMayBeNone;  // falls off
  for (const Value& v : in.return_values) {
    if (v.taint) continue;
    if (v.literal == Value::Literal::None || v.literal == Value::Literal::Other) {
      // `return None`, a bare `return`; any other value that is not the token counts too (a
      // caller testing the result sees no token).
      also_returns |= v.literal == Value::Literal::None ? unsigned{kMayBeNone} : 0u;
    }
    if (v.literal == Value::Literal::Empty) also_returns |= kMayBeEmpty;
  }
  for (const Value& v : in.return_values) {
    if (!v.taint) continue;
    if (v.taint->is_source()) {
      sum.returns = join(sum.returns, v.taint);
    } else if (v.taint->param >= 0 && static_cast<std::size_t>(v.taint->param) < n) {
      int& slot = sum.param_returned[v.taint->param];
      slot = (slot < 0 ? 0 : slot) | static_cast<int>(v.taint->mask);
      if (!v.taint->client) sum.param_returned_as_client[v.taint->param] = false;
    }
  }
  if (sum.returns) {
    sum.returns->missing = false;
    sum.returns->mask |= also_returns;
    sum.returns_elements = token_elements(in);
  }
  sum.never_returns = in.exit_states.empty();
  sum.returns_app_credentials = in.returns_app_credentials;
  sum.param_credential = std::move(in.param_credential);
  sum.param_credential_mask = std::move(in.param_credential_mask);
  sum.param_fallbacks = std::move(in.param_fallbacks);
  sum.param_leaks = std::move(in.param_leaks);
  sum.param_stores = std::move(in.param_stores);
  sum.param_missing_raises = std::move(in.param_missing_raises);
  sum.param_cells = std::move(in.param_cells);
  for (const State& st : in.exit_states) {
    for (std::size_t i = 0; i < n; ++i) {
      const Taint* t = st.find(in.params[i]);
      sum.param_on_exit[i] |= (t && t->param == static_cast<int>(i))
                                  ? (t->missing ? kAllMissing : t->mask)
                                  : unsigned{kAllMissing};
    }
  }
  summaries_[key] = std::move(sum);
  return &*summaries_[key];
}

namespace {

std::string place_key(char kind, const Location& at) {
  return std::string(1, kind) + '\n' + at.path + '\n' + std::to_string(at.span.line) + ':' +
         std::to_string(at.span.column) + ':' + std::to_string(at.span.end_line) + ':' +
         std::to_string(at.span.end_column);
}

}  // namespace

void Engine::record(facts::TokenUse use) {
  auto [it, added] = recorded_.emplace(place_key('u', use.at), facts_.uses.size());
  if (added) {
    facts_.uses.push_back(std::move(use));
    return;
  }
  // Interpreted again (a loop's next round, a helper called twice): unchecked on any round is
  // unchecked, and a known sink wins over an unknown call.
  facts::TokenUse& seen = facts_.uses[it->second];
  bool unchecked = seen.unchecked || use.unchecked;
  bool better_sink = seen.sink == facts::Sink::Call && use.sink != facts::Sink::Call;
  bool newly_unchecked = use.unchecked && !seen.unchecked && use.sink == seen.sink;
  if (better_sink || newly_unchecked) seen = std::move(use);
  seen.unchecked = unchecked;
}

void Engine::record(facts::TokenStore store) {
  if (recorded_.emplace(place_key('s', store.at), facts_.stores.size()).second) {
    facts_.stores.push_back(std::move(store));
  }
}

void Engine::record(facts::CredentialFallback fallback) {
  if (recorded_.emplace(place_key('f', fallback.at), facts_.fallbacks.size()).second) {
    facts_.fallbacks.push_back(std::move(fallback));
  }
}

facts::TokenFacts Engine::take_facts() {
  return std::move(facts_);
}

std::vector<std::pair<std::string, TSNode>> parameters_of(TSNode fn, std::string_view src) {
  std::vector<std::pair<std::string, TSNode>> out;
  for (TSNode p : kids(field(fn, "parameters"))) {
    TSNode name{};
    if (is(p, "identifier") || is(p, "list_splat_pattern") || is(p, "dictionary_splat_pattern")) {
      name = p;
    } else if (is(p, "default_parameter") || is(p, "typed_default_parameter")) {
      name = field(p, "name");
    } else if (is(p, "typed_parameter") && ts_node_named_child_count(p) > 0) {
      name = ts_node_named_child(p, 0);
    }
    if ((is(name, "list_splat_pattern") || is(name, "dictionary_splat_pattern")) &&
        ts_node_named_child_count(name) > 0) {
      name = ts_node_named_child(name, 0);
    }
    if (is(name, "identifier")) out.emplace_back(std::string(text_of(name, src)), p);
  }
  return out;
}

std::vector<TSNode> root_functions(TSNode module_root) {
  std::vector<TSNode> out;
  walk(module_root, [&](TSNode n) {
    if (is(n, "function_definition")) {
      out.push_back(n);
      return false;  // nested functions are analyzed with their enclosing function
    }
    return !is(n, "lambda") && !is(n, "ERROR");
  });
  return out;
}

std::string qualified_name(TSNode fn, std::string_view src) {
  std::string name(text_of(field(fn, "name"), src));
  TSNode cls = enclosing(fn, "class_definition");
  if (!ts_node_is_null(cls)) name = std::string(text_of(field(cls, "name"), src)) + "." + name;
  return name;
}

}  // namespace obolint::py::flow

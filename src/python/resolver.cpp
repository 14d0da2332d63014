#include "python/resolver.h"

#include <algorithm>

#include "python/project.h"
#include "python/ts_util.h"

namespace obolint::py {
namespace {

// Bounds the C++ stack on pathological nesting (a chain of attributes thousands deep); with the
// memo, the work per node is constant, so the bound is not what keeps resolution linear.
constexpr int kMaxDepth = 64;

std::string dotted(TSNode n, std::string_view src) {
  std::string out;
  for (TSNode part : named_children(n)) {
    if (!out.empty()) out += '.';
    out += text_of(part, src);
  }
  return out.empty() ? std::string(text_of(n, src)) : out;
}

bool is_scope_node(TSNode n) {
  return is(n, "function_definition") || is(n, "lambda") || is(n, "class_definition");
}

}  // namespace

Resolver::Resolver(const Module& module, Project* project, int index)
    : module_(module), project_(project), index_(index) {
  collect(module.root());
}

int Resolver::deepest_range(uint32_t offset) const {
  auto it = std::upper_bound(ranges_.begin(), ranges_.end(), offset,
                             [](uint32_t o, const ScopeRange& r) { return o < r.begin; });
  int i = static_cast<int>(it - ranges_.begin()) - 1;
  while (i >= 0 && offset >= ranges_[i].end) i = ranges_[i].parent;
  return i;
}

uint32_t Resolver::innermost(uint32_t offset, bool is_class) const {
  for (int i = deepest_range(offset); i >= 0; i = ranges_[i].parent) {
    if (ranges_[i].is_class == is_class) return ranges_[i].begin + 1;
  }
  return 0;
}

std::vector<uint32_t> Resolver::enclosing_function_keys(uint32_t offset) const {
  std::vector<uint32_t> keys;  // innermost first
  for (int i = deepest_range(offset); i >= 0; i = ranges_[i].parent) {
    if (!ranges_[i].is_class) keys.push_back(ranges_[i].begin + 1);
  }
  return keys;
}

void Resolver::collect(TSNode root) {
  std::string_view src = module_.src();
  std::vector<int> open;  // ranges around the current node (pre-order: sorted by begin)
  walk(root, [&](TSNode n) {
    std::string_view t = type_of(n);
    bool scope = t == "function_definition" || t == "lambda" || t == "class_definition";
    if (scope) {
      uint32_t begin = ts_node_start_byte(n);
      while (!open.empty() && ranges_[open.back()].end <= begin) open.pop_back();
      if (t == "function_definition" && open.empty()) {
        functions_[std::string(text_of(field(n, "name"), src))] = n;
      }
      ranges_.push_back(
          {begin, ts_node_end_byte(n), t == "class_definition", open.empty() ? -1 : open.back()});
      open.push_back(static_cast<int>(ranges_.size()) - 1);
    }
    if (t == "import_statement" || t == "import_from_statement") {
      add_import(n);
      return false;
    }
    if (t == "function_definition") {
      // Typed parameters: `w: WorkspaceClient` makes `w` an instance of that class.
      Scope& s = scopes_[ts_node_start_byte(n) + 1];
      for (TSNode p : named_children(field(n, "parameters"))) {
        if (is(p, "typed_parameter") || is(p, "typed_default_parameter")) {
          TSNode name = is(p, "typed_parameter") ? ts_node_named_child(p, 0) : field(p, "name");
          TSNode type = field(p, "type");
          if (is(name, "identifier") && !ts_node_is_null(type)) {
            s.annotations[std::string(text_of(name, src))] = ts_node_named_child(type, 0);
          }
        }
      }
    } else if (t == "global_statement") {
      // `global _client` in a function: its assignments there bind the module's `_client`
      // (a lazily built singleton is the module global's value too).
      auto& names = declared_global_[innermost(ts_node_start_byte(n), false)];
      for (TSNode name : named_children(n)) {
        if (is(name, "identifier")) names.insert(std::string(text_of(name, src)));
      }
    } else if (t == "assignment") {
      TSNode right = field(n, "right");
      if (!ts_node_is_null(right)) bind(field(n, "left"), right, n);
    } else if (t == "named_expression") {
      bind(field(n, "name"), field(n, "value"), n);
    } else if (t == "as_pattern") {
      // with X() as name:  -> name is bound to X()
      TSNode alias = field(n, "alias");
      if (!ts_node_is_null(alias) && ts_node_named_child_count(n) > 0) {
        TSNode target =
            ts_node_named_child_count(alias) > 0 ? ts_node_named_child(alias, 0) : alias;
        bind(target, ts_node_named_child(n, 0), n);
      }
    }
    return true;
  });
}

void Resolver::add_import(TSNode stmt) {
  std::string_view src = module_.src();
  if (is(stmt, "import_statement")) {
    for (TSNode name : named_children(stmt)) {
      if (is(name, "dotted_name")) {
        // `import a.b.c` binds `a`; attribute access then spells out the rest.
        std::string full = dotted(name, src);
        std::string head = full.substr(0, full.find('.'));
        imports_[head] = head;
      } else if (is(name, "aliased_import")) {
        imports_[std::string(text_of(field(name, "alias"), src))] =
            dotted(field(name, "name"), src);
      }
    }
    return;
  }
  TSNode module_node = field(stmt, "module_name");
  std::string base = is(module_node, "relative_import") ? relative_base(text_of(module_node, src))
                                                        : dotted(module_node, src);
  for (uint32_t i = 0; i < ts_node_named_child_count(stmt); ++i) {
    TSNode name = ts_node_named_child(stmt, i);
    if (ts_node_eq(name, module_node)) continue;
    if (is(name, "wildcard_import")) {
      star_imports_.push_back(base);
    } else if (is(name, "dotted_name")) {
      std::string n = dotted(name, src);
      imports_[n] = base + "." + n;
    } else if (is(name, "aliased_import")) {
      imports_[std::string(text_of(field(name, "alias"), src))] =
          base + "." + dotted(field(name, "name"), src);
    }
  }
}

std::string Resolver::relative_base(std::string_view spec) const {
  std::size_t dots = 0;
  while (dots < spec.size() && spec[dots] == '.') ++dots;
  std::string rest(spec.substr(dots));
  // The package of this module; each further dot goes one level up.
  std::string pkg = module_.module_name();
  bool is_init = module_.file().path().ends_with("__init__.py");
  for (std::size_t k = is_init ? 1 : 0; k < dots; ++k) {
    auto cut = pkg.rfind('.');
    pkg = cut == std::string::npos ? std::string() : pkg.substr(0, cut);
  }
  if (rest.empty()) return pkg;
  return pkg.empty() ? rest : pkg + "." + rest;
}

Resolver::Scope& Resolver::scope_for(TSNode at, bool self_attribute) {
  return scopes_[innermost(ts_node_start_byte(at), self_attribute)];
}

void Resolver::bind(TSNode target, TSNode value, TSNode at) {
  if (ts_node_is_null(target) || ts_node_is_null(value)) return;
  std::string_view src = module_.src();
  if (is(target, "identifier")) {
    std::string name(text_of(target, src));
    uint32_t key = innermost(ts_node_start_byte(at), false);
    if (auto g = declared_global_.find(key); g != declared_global_.end() && g->second.count(name)) {
      key = 0;
    }
    scopes_[key].values[name].push_back(value);
  } else if (is(target, "attribute") && text_of(field(target, "object"), src) == "self") {
    scope_for(at, true)
        .values["self." + std::string(text_of(field(target, "attribute"), src))]
        .push_back(value);
  } else if ((is(target, "pattern_list") || is(target, "tuple_pattern")) &&
             (is(value, "expression_list") || is(value, "tuple"))) {
    auto targets = named_children(target);
    auto values = named_children(value);
    for (std::size_t i = 0; i < targets.size() && i < values.size(); ++i) {
      bind(targets[i], values[i], at);
    }
  }
}

std::vector<TSNode> Resolver::bindings_of(std::string_view name, TSNode at) const {
  std::vector<TSNode> out;
  for (uint32_t key : enclosing_function_keys(ts_node_start_byte(at))) {
    auto it = scopes_.find(key);
    if (it == scopes_.end()) continue;
    if (auto v = it->second.values.find(name); v != it->second.values.end()) {
      out.insert(out.end(), v->second.begin(), v->second.end());
      return out;
    }
  }
  if (auto it = scopes_.find(0); it != scopes_.end()) {
    if (auto v = it->second.values.find(name); v != it->second.values.end()) {
      out.insert(out.end(), v->second.begin(), v->second.end());
    }
  }
  return out;
}

TSNode Resolver::function_named(std::string_view name) const {
  auto it = functions_.find(name);
  return it == functions_.end() ? TSNode{} : it->second;
}

std::string Resolver::resolve(TSNode expr) const {
  return resolve_with(expr, memo_);
}

std::string Resolver::resolve_with(TSNode expr, Memo& memo) const {
  return ts_node_is_null(expr) ? "" : resolve_depth(expr, 0, memo);
}

std::string Resolver::function_return(TSNode fn, Memo& memo) const {
  return resolve_function_return(fn, 0, memo);
}

std::string Resolver::first_resolved(const std::vector<TSNode>& values, int depth,
                                     Memo& memo) const {
  // Several bindings (`w = WorkspaceClient(token=t)` on one branch, `w = WorkspaceClient()` on
  // another): a client without an identity of its own wins, it is the one patterns look for.
  std::string first;
  for (TSNode value : values) {
    std::string r = resolve_depth(value, depth + 1, memo);
    if (r.empty()) continue;
    if (r.find("(token)") == std::string::npos) return r;
    if (first.empty()) first = r;
  }
  return first;
}

std::string Resolver::resolve_name(std::string_view name, TSNode at, int depth, Memo& memo) const {
  // Innermost function scopes first: typed parameters, then assignments.
  for (uint32_t key : enclosing_function_keys(ts_node_start_byte(at))) {
    auto it = scopes_.find(key);
    if (it == scopes_.end()) continue;
    if (auto a = it->second.annotations.find(name); a != it->second.annotations.end()) {
      std::string type = resolve_depth(a->second, depth + 1, memo);
      return type.empty() ? "" : type + "()";
    }
    if (auto v = it->second.values.find(name); v != it->second.values.end()) {
      return first_resolved(v->second, depth, memo);
    }
  }
  if (auto it = scopes_.find(0); it != scopes_.end()) {
    if (auto v = it->second.values.find(name); v != it->second.values.end()) {
      if (std::string r = first_resolved(v->second, depth, memo); !r.empty()) return r;
    }
  }
  if (auto it = imports_.find(name); it != imports_.end()) {
    // from .clients import shared: a variable of another scanned module holds what it was
    // assigned there.
    auto cut = it->second.rfind('.');
    if (project_ && cut != std::string::npos) {
      int other = project_->find_module_index(std::string_view(it->second).substr(0, cut), index_);
      if (other >= 0 && other != index_) {
        std::string held =
            project_->module_global(other, std::string_view(it->second).substr(cut + 1));
        if (!held.empty()) return held;
      }
    }
    return it->second;
  }
  if (functions_.count(name)) return "";
  // `from databricks.sql import *`: an otherwise unbound name may come from the star import.
  if (star_imports_.size() == 1) return star_imports_.front() + "." + std::string(name);
  return "";
}

std::string Resolver::resolve_function_return(TSNode fn, int depth, Memo& memo) const {
  auto [it, fresh] = memo.try_emplace(fn.id);
  if (!fresh) return it->second.value_or("");
  std::string result;
  walk(field(fn, "body"), [&](TSNode n) {
    if (!result.empty()) return false;
    if (is_scope_node(n)) return false;  // returns of nested functions are theirs
    if (is(n, "return_statement") && ts_node_named_child_count(n) > 0) {
      result = resolve_depth(ts_node_named_child(n, 0), depth + 1, memo);
      return false;
    }
    return true;
  });
  memo[fn.id] = result;  // re-find: the recursion may have rehashed the memo
  return result;
}

std::string Resolver::resolve_depth(TSNode expr, int depth, Memo& memo) const {
  if (ts_node_is_null(expr) || depth > kMaxDepth) return "";
  auto [it, fresh] = memo.try_emplace(expr.id);
  if (!fresh) return it->second.value_or("");  // known, or a cycle in progress
  std::string result = resolve_uncached(expr, depth, memo);
  memo[expr.id] = result;
  return result;
}

TSNode Resolver::own_method(TSNode at, std::string_view name) const {
  TSNode cls = enclosing(at, "class_definition");
  if (ts_node_is_null(cls)) return TSNode{};
  for (TSNode m : named_children(field(cls, "body"))) {
    TSNode def = is(m, "decorated_definition") ? field(m, "definition") : m;
    if (is(def, "function_definition") && text_of(field(def, "name"), module_.src()) == name) {
      return def;
    }
  }
  return TSNode{};
}

std::string Resolver::call_suffix(TSNode call, int depth, Memo& memo) const {
  if (!project_) return "()";
  const ResolverOptions& o = project_->resolver_options();
  std::string_view src = module_.src();
  for (TSNode arg : named_children(field(call, "arguments"))) {
    if (!is(arg, "keyword_argument")) continue;
    std::string_view key = text_of(field(arg, "name"), src);
    TSNode value = field(arg, "value");
    std::string held = resolve_depth(value, depth + 1, memo);
    if (held.find("(token)") != std::string::npos) return "(token)";  // config=Config(token=t)
    if (std::find(o.identity_keywords.begin(), o.identity_keywords.end(), key) ==
        o.identity_keywords.end()) {
      continue;
    }
    if (is(value, "string") || is(value, "none") || is(value, "concatenated_string")) continue;
    std::string from = is(value, "call") ? resolve_depth(field(value, "function"), depth + 1, memo)
                                         : resolve_depth(value, depth + 1, memo);
    if (is(value, "subscript")) from = resolve_depth(field(value, "value"), depth + 1, memo);
    bool environment = std::any_of(o.environment_prefixes.begin(), o.environment_prefixes.end(),
                                   [&](const std::string& p) { return from.rfind(p, 0) == 0; });
    if (!environment) return "(token)";
  }
  return "()";
}

std::string Resolver::resolve_call(TSNode expr, int depth, Memo& memo) const {
  std::string_view src = module_.src();
  TSNode fn = field(expr, "function");
  // self._ensure_client(): what the method of this class returns.
  if (is(fn, "attribute") && text_of(field(fn, "object"), src) == "self") {
    TSNode method = own_method(expr, text_of(field(fn, "attribute"), src));
    if (!ts_node_is_null(method)) return resolve_function_return(method, depth, memo);
  }
  if (is(fn, "identifier")) {
    std::string_view name = text_of(fn, src);
    TSNode local = function_named(name);
    if (!ts_node_is_null(local) && bindings_of(name, fn).empty()) {
      return resolve_function_return(local, depth, memo);
    }
  }
  std::string callee = resolve_depth(fn, depth + 1, memo);
  if (callee.empty()) return "";
  // A function of another scanned module: resolve through its return value.
  if (project_) {
    auto cut = callee.rfind('.');
    if (cut != std::string::npos && callee.find('(') == std::string::npos) {
      int other = project_->find_module_index(std::string_view(callee).substr(0, cut), index_);
      if (other >= 0 && other != index_) {
        auto returned = project_->function_return(other, std::string_view(callee).substr(cut + 1));
        if (returned) return *returned;
      }
    }
  }
  return callee + call_suffix(expr, depth, memo);
}

std::string Resolver::resolve_uncached(TSNode expr, int depth, Memo& memo) const {
  std::string_view src = module_.src();
  std::string_view t = type_of(expr);
  if (t == "identifier") return resolve_name(text_of(expr, src), expr, depth, memo);
  if (t == "attribute") {
    TSNode object = field(expr, "object");
    std::string attr(text_of(field(expr, "attribute"), src));
    if (text_of(object, src) == "self") {
      auto it = scopes_.find(innermost(ts_node_start_byte(expr), true));
      if (it != scopes_.end()) {
        if (auto v = it->second.values.find("self." + attr); v != it->second.values.end()) {
          return first_resolved(v->second, depth, memo);
        }
      }
      return "";
    }
    std::string base = resolve_depth(object, depth + 1, memo);
    return base.empty() ? "" : base + "." + attr;
  }
  if (t == "call") return resolve_call(expr, depth, memo);
  if (t == "conditional_expression") {
    // `WorkspaceClient(profile=p) if p else WorkspaceClient()`: either is what it may be.
    for (TSNode part : named_children(expr)) {
      if (is(part, "comparison_operator") || is(part, "boolean_operator")) continue;
      if (std::string r = resolve_depth(part, depth + 1, memo); !r.empty()) return r;
    }
    return "";
  }
  if (t == "subscript") {
    // Annotated[WorkspaceClient, Depends(...)], Optional[WorkspaceClient]: the type inside.
    std::string base = resolve_depth(field(expr, "value"), depth + 1, memo);
    if (base == "typing.Annotated" || base == "typing.Optional" ||
        base == "typing_extensions.Annotated") {
      TSNode first = ts_node_named_child(expr, 1);
      return ts_node_is_null(first) ? "" : resolve_depth(first, depth + 1, memo);
    }
    return "";
  }
  if (t == "binary_operator") {
    // WorkspaceClient | None
    TSNode left = field(expr, "left");
    return is(field(expr, "right"), "none") ? resolve_depth(left, depth + 1, memo) : "";
  }
  if (t == "parenthesized_expression" || t == "await") {
    return ts_node_named_child_count(expr) == 1
               ? resolve_depth(ts_node_named_child(expr, 0), depth + 1, memo)
               : "";
  }
  return "";
}

}  // namespace obolint::py

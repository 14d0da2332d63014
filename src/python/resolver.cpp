#include "python/resolver.h"

#include <algorithm>

#include "python/ts_util.h"

namespace obolint::py {
namespace {

constexpr int kMaxDepth = 16;

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

uint32_t Resolver::innermost(uint32_t offset, bool is_class) const {
  uint32_t key = 0;
  for (const auto& r : ranges_) {
    if (r.begin > offset) break;
    if (r.is_class == is_class && offset < r.end) key = r.begin + 1;
  }
  return key;
}

Resolver::Resolver(const Module& module, const ProjectIndex* project)
    : module_(module), project_(project) {
  collect(module.root());
}

void Resolver::collect(TSNode root) {
  std::string_view src = module_.src();
  walk(root, [&](TSNode n) {
    std::string_view t = type_of(n);
    if (t == "function_definition" || t == "lambda" || t == "class_definition") {
      ranges_.push_back({ts_node_start_byte(n), ts_node_end_byte(n), t == "class_definition"});
    }
    if (t == "import_statement" || t == "import_from_statement") {
      add_import(n);
      return false;
    }
    if (t == "function_definition") {
      // ranges_ already holds this function itself: look for an enclosing one before it.
      uint32_t start = ts_node_start_byte(n);
      bool nested = false;
      for (const auto& r : ranges_) nested = nested || (r.begin < start && start < r.end);
      if (!nested) {
        functions_[std::string(text_of(field(n, "name"), src))] = n;
      }
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
    scope_for(at, false).values[std::string(text_of(target, src))].push_back(value);
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

std::vector<uint32_t> Resolver::enclosing_function_keys(uint32_t offset) const {
  std::vector<uint32_t> keys;
  for (const auto& r : ranges_) {
    if (r.begin > offset) break;
    if (!r.is_class && offset < r.end) keys.push_back(r.begin + 1);
  }
  std::reverse(keys.begin(), keys.end());  // innermost first
  return keys;
}

std::string Resolver::resolve(TSNode expr) const {
  if (ts_node_is_null(expr)) return "";
  auto [it, inserted] = resolved_.try_emplace(expr.id);
  if (inserted) it->second = resolve_depth(expr, 0);
  return it->second;
}

std::string Resolver::resolve_name(std::string_view name, TSNode at, int depth) const {
  // Innermost function scopes first: typed parameters, then assignments.
  for (uint32_t key : enclosing_function_keys(ts_node_start_byte(at))) {
    auto it = scopes_.find(key);
    if (it == scopes_.end()) continue;
    if (auto a = it->second.annotations.find(name); a != it->second.annotations.end()) {
      std::string type = resolve_depth(a->second, depth + 1);
      return type.empty() ? "" : type + "()";
    }
    if (auto v = it->second.values.find(name); v != it->second.values.end()) {
      for (TSNode value : v->second) {
        if (std::string r = resolve_depth(value, depth + 1); !r.empty()) return r;
      }
      return "";
    }
  }
  if (auto it = scopes_.find(0); it != scopes_.end()) {
    if (auto v = it->second.values.find(name); v != it->second.values.end()) {
      for (TSNode value : v->second) {
        if (std::string r = resolve_depth(value, depth + 1); !r.empty()) return r;
      }
    }
  }
  if (auto it = imports_.find(name); it != imports_.end()) return it->second;
  if (functions_.count(name)) return "";
  // `from databricks.sql import *`: an otherwise unbound name may come from the star import.
  if (star_imports_.size() == 1) return star_imports_.front() + "." + std::string(name);
  return "";
}

std::string Resolver::resolve_function_return(TSNode fn, int depth) const {
  std::string result;
  TSNode body = field(fn, "body");
  walk(body, [&](TSNode n) {
    if (!result.empty()) return false;
    if (is_scope_node(n)) return false;  // returns of nested functions are theirs
    if (is(n, "return_statement") && ts_node_named_child_count(n) > 0) {
      result = resolve_depth(ts_node_named_child(n, 0), depth + 1);
      return false;
    }
    return true;
  });
  return result;
}

std::string Resolver::resolve_depth(TSNode expr, int depth) const {
  if (ts_node_is_null(expr) || depth > kMaxDepth) return "";
  std::string_view src = module_.src();
  std::string_view t = type_of(expr);
  if (t == "identifier") return resolve_name(text_of(expr, src), expr, depth);
  if (t == "attribute") {
    TSNode object = field(expr, "object");
    std::string attr(text_of(field(expr, "attribute"), src));
    if (text_of(object, src) == "self") {
      auto it = scopes_.find(innermost(ts_node_start_byte(expr), true));
      if (it != scopes_.end()) {
        if (auto v = it->second.values.find("self." + attr); v != it->second.values.end()) {
          for (TSNode value : v->second) {
            if (std::string r = resolve_depth(value, depth + 1); !r.empty()) return r;
          }
        }
      }
      return "";
    }
    std::string base = resolve_depth(object, depth + 1);
    return base.empty() ? "" : base + "." + attr;
  }
  if (t == "call") {
    TSNode fn = field(expr, "function");
    if (is(fn, "identifier")) {
      std::string_view name = text_of(fn, src);
      TSNode local = function_named(name);
      if (!ts_node_is_null(local) && bindings_of(name, fn).empty()) {
        return resolve_function_return(local, depth);
      }
    }
    std::string callee = resolve_depth(fn, depth + 1);
    if (callee.empty()) return "";
    // A function of another scanned module: resolve through its return value.
    if (project_) {
      auto cut = callee.rfind('.');
      if (cut != std::string::npos && callee.find('(') == std::string::npos) {
        const Resolver* other = project_->find_module(std::string_view(callee).substr(0, cut));
        if (other && other != this) {
          TSNode f = other->function_named(std::string_view(callee).substr(cut + 1));
          if (!ts_node_is_null(f)) return other->resolve_function_return(f, depth + 1);
        }
      }
    }
    return callee + "()";
  }
  if (t == "parenthesized_expression" || t == "await") {
    return ts_node_named_child_count(expr) == 1
               ? resolve_depth(ts_node_named_child(expr, 0), depth + 1)
               : "";
  }
  return "";
}

void ProjectIndex::add(const Resolver* resolver) {
  resolvers_.push_back(resolver);
}

const Resolver* ProjectIndex::find_module(std::string_view name) const {
  if (name.empty()) return nullptr;
  for (const Resolver* r : resolvers_) {
    const std::string& m = r->module().module_name();
    if (m == name ||
        (m.size() > name.size() && m.ends_with(name) && m[m.size() - name.size() - 1] == '.')) {
      return r;
    }
  }
  return nullptr;
}

}  // namespace obolint::py

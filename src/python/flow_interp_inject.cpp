// What the flow interpreter reads from the program's own definitions: the header name held in a
// constant (a module's, an imported settings module's, a class or an enum member), and the token
// a web framework injects into a handler (FastAPI's Depends(...), Annotated aliases, router-wide
// dependencies that check it), and the parameters bound to the header (Header(), header
// parameter models).
#include "python/flow_interp.h"
#include "python/flow_interp_internal.h"
#include "python/project.h"

namespace obolint::py::flow {
namespace {

constexpr int kMaxConstantHops = 4;  // NAME = OTHER_NAME = "..." chains, bounded

// The string a module-level name of `r` is bound to, when every binding is the same literal.
std::optional<std::string> module_constant(const Resolver& r, std::string_view name) {
  TSNode root = r.module().root();
  auto bound = r.bindings_of(name, root);
  std::optional<std::string> value;
  for (TSNode b : bound) {
    StaticString s = static_string(b, r.module().src());
    if (!s.ok || (value && *value != s.value)) return std::nullopt;
    value = s.value;
  }
  return value;
}

// The string a class attribute (or an enum member) of `cls` is assigned.
std::optional<std::string> class_constant(TSNode cls, std::string_view attr, std::string_view src) {
  for (TSNode stmt : kids(field(cls, "body"))) {
    TSNode e = first_child(stmt);
    if (!is(stmt, "expression_statement") || !is(e, "assignment")) continue;
    if (text_of(field(e, "left"), src) != attr) continue;
    StaticString s = static_string(field(e, "right"), src);
    if (s.ok) return s.value;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> Interp::constant_string(TSNode e) const {
  return constant_string_in(module_, e, 0);
}

std::optional<std::string> Interp::constant_string_in(int module, TSNode e, int hops) const {
  const Module& mod = engine_.module(module);
  const Resolver& r = engine_.resolver(module);
  std::string_view src = mod.src();
  e = unparen(e);
  StaticString s = static_string(e, src);
  if (s.ok) return s.value;
  if (hops >= kMaxConstantHops) return std::nullopt;
  // HEADER.lower(), HEADER.casefold(), HEADER.strip(): header names are matched without regard to
  // case, so the constant itself is the key.
  if (is(e, "call") && argument_nodes(e).empty()) {
    TSNode fn = field(e, "function");
    std::string_view method = is(fn, "attribute") ? text_of(field(fn, "attribute"), src) : "";
    if (method == "lower" || method == "upper" || method == "casefold" || method == "strip" ||
        method == "title") {
      return constant_string_in(module, field(fn, "object"), hops + 1);
    }
  }
  // HeaderName.ACCESS_TOKEN.value: the enum member's value.
  if (is(e, "attribute") && text_of(field(e, "attribute"), src) == "value") {
    return constant_string_in(module, field(e, "object"), hops + 1);
  }
  if (is(e, "identifier")) {
    std::string name(text_of(e, src));
    auto bound = r.bindings_of(name, e);
    if (!bound.empty()) {
      if (bound.size() != 1) return std::nullopt;
      return constant_string_in(module, bound.front(), hops + 1);
    }
    // from .settings import TOKEN_HEADER
    auto it = r.imports().find(name);
    if (it == r.imports().end()) return std::nullopt;
    auto cut = it->second.rfind('.');
    if (cut == std::string::npos) return std::nullopt;
    int other =
        engine_.project().find_module_index(std::string_view(it->second).substr(0, cut), module);
    const Resolver* o = engine_.project().load(other);
    if (!o) return std::nullopt;
    return module_constant(*o, std::string_view(it->second).substr(cut + 1));
  }
  if (!is(e, "attribute")) return std::nullopt;
  TSNode object = unparen(field(e, "object"));
  std::string attr(text_of(field(e, "attribute"), src));
  if (!is(object, "identifier")) return std::nullopt;
  std::string name(text_of(object, src));
  // Headers.USER_TOKEN: a class of this module.
  TSNode cls = engine_.class_named(module, name);
  if (!ts_node_is_null(cls)) return class_constant(cls, attr, src);
  // settings.TOKEN_HEADER with `settings = Settings()` in this module.
  if (!r.bindings_of(name, e).empty()) return instance_constant(module, name, attr);
  // settings.TOKEN_HEADER (an imported module), or Headers.USER_TOKEN (an imported class), or an
  // imported instance of a settings class.
  auto it = r.imports().find(name);
  if (it == r.imports().end()) return std::nullopt;
  int as_module = engine_.project().find_module_index(it->second, module);
  if (const Resolver* o = engine_.project().load(as_module)) return module_constant(*o, attr);
  auto cut = it->second.rfind('.');
  if (cut == std::string::npos) return std::nullopt;
  int owner =
      engine_.project().find_module_index(std::string_view(it->second).substr(0, cut), module);
  if (!engine_.project().load(owner)) return std::nullopt;
  std::string_view imported_name = std::string_view(it->second).substr(cut + 1);
  TSNode imported = engine_.class_named(owner, imported_name);
  if (ts_node_is_null(imported)) return instance_constant(owner, imported_name, attr);
  return class_constant(imported, attr, engine_.module(owner).src());
}

std::optional<std::string> Interp::instance_constant(int module, std::string_view global,
                                                     std::string_view attr) const {
  const Resolver* r = engine_.project().load(module);
  if (!r) return std::nullopt;
  auto bound = r->bindings_of(global, r->module().root());
  if (bound.size() != 1 || !is(bound.front(), "call")) return std::nullopt;
  TSNode fn = unparen(field(bound.front(), "function"));
  if (!is(fn, "identifier")) return std::nullopt;
  std::string_view cls_name = text_of(fn, r->module().src());
  TSNode cls = engine_.class_named(module, cls_name);
  if (!ts_node_is_null(cls)) return class_constant(cls, attr, r->module().src());
  // from .config import Settings; settings = Settings()
  auto it = r->imports().find(std::string(cls_name));
  if (it == r->imports().end()) return std::nullopt;
  auto cut = it->second.rfind('.');
  if (cut == std::string::npos) return std::nullopt;
  int owner =
      engine_.project().find_module_index(std::string_view(it->second).substr(0, cut), module);
  if (!engine_.project().load(owner)) return std::nullopt;
  TSNode imported = engine_.class_named(owner, std::string_view(it->second).substr(cut + 1));
  if (ts_node_is_null(imported)) return std::nullopt;
  return class_constant(imported, attr, engine_.module(owner).src());
}

// A FastAPI/Starlette parameter bound to the header: Header(None), Header(alias=...), or
// Annotated[..., Header()]; its missing bits and placeholder default when it is.
bool Interp::header_parameter(const std::string& name, TSNode node, unsigned& mask,
                              std::string& placeholder) const {
  const FlowPatterns& p = engine_.patterns();
  TSNode header_call{};
  TSNode value = field(node, "value");
  auto header_like = [&](TSNode c) {
    return is(c, "call") && p.header_parameters.matches(res_.resolve(field(c, "function")),
                                                        strip_space(text(field(c, "function"))));
  };
  if (header_like(value)) header_call = value;
  if (ts_node_is_null(header_call) && !ts_node_is_null(field(node, "type"))) {
    walk(field(node, "type"), [&](TSNode n) {
      if (ts_node_is_null(header_call) && header_like(n)) header_call = n;
      return ts_node_is_null(header_call);
    });
  }
  bool bound = false;
  if (!ts_node_is_null(header_call)) {
    StaticString alias = static_string(keyword(header_call, "alias", src_), src_);
    bound = alias.ok ? p.is_header_key(alias.value) : p.is_attribute_name(name);
    // The default: Header(None) / Header(default=...), or `= None` after Annotated[...].
    TSNode def = value;
    if (ts_node_eq(header_call, value)) {
      def = positional(header_call, 0);
      if (ts_node_is_null(def)) def = keyword(header_call, "default", src_);
    }
    if (is(def, "ellipsis")) bound = false;  // Header(...): required, FastAPI answers 422
    if (!ts_node_is_null(def) && !is(def, "none")) {
      StaticString d = static_string(def, src_);
      if (d.ok) {
        mask = d.value.empty() ? kMayBeEmpty : kMayBePlaceholder;
        placeholder = d.value;
      }
    }
  }
  return bound;
}

std::optional<Interp::HeaderModelField> Interp::header_model_field(TSNode param) const {
  TSNode type = field(param, "type");
  if (ts_node_is_null(type)) return std::nullopt;
  const FlowPatterns& p = engine_.patterns();
  auto has_header_call = [&](TSNode root) {
    bool found = false;
    walk(root, [&](TSNode n) {
      if (is(n, "call") && p.header_parameters.matches(res_.resolve(field(n, "function")),
                                                       strip_space(text(field(n, "function"))))) {
        found = true;
      }
      return !found;
    });
    return found;
  };
  bool marked = has_header_call(type);
  // Headers = Annotated[Model, Header()] at module level, the parameter declared `Headers`.
  TSNode named = unparen(is(type, "type") ? first_child(type) : type);
  if (!marked && is(named, "identifier")) {
    for (TSNode b : res_.bindings_of(text(named), named)) {
      if (ts_node_is_null(enclosing(b, "function_definition"))) {
        marked = marked || has_header_call(b);
      }
    }
  }
  if (!marked) return std::nullopt;
  std::optional<Callee> cls = class_of_type(module_, type, 0);
  if (!cls) return std::nullopt;
  std::string_view src = engine_.module(cls->module).src();
  for (TSNode stmt : named_children(field(cls->cls, "body"))) {
    TSNode a = first_child(stmt);
    if (!is(stmt, "expression_statement") || !is(a, "assignment")) continue;
    std::string_view name = text_of(field(a, "left"), src);
    if (!p.is_attribute_name(name)) continue;
    HeaderModelField out{std::string(name), 0, ""};
    TSNode def = field(a, "right");
    if (is(def, "none")) out.mask = kMayBeNone;
    StaticString d = static_string(def, src);
    if (d.ok) {
      out.mask = d.value.empty() ? kMayBeEmpty : kMayBePlaceholder;
      out.placeholder = d.value;
    } else if (!ts_node_is_null(def) && !is(def, "none")) {
      out.mask = kMayBeNone;  // Field(None), a computed default
    }
    return out;
  }
  return std::nullopt;
}

std::optional<Taint> Interp::injected(TSNode param) {
  // Depends(f) as the default, in Annotated[..., Depends(f)], or through a type alias bound at
  // module level to such an Annotated.
  TSNode depends{};
  auto depends_like = [&](TSNode c) {
    if (!is(c, "call")) return false;
    std::string name = strip_space(text(field(c, "function")));
    return name == "Depends" || name.ends_with(".Depends") || name == "Security" ||
           name.ends_with(".Security");
  };
  auto search = [&](TSNode root) {
    walk(root, [&](TSNode n) {
      if (!ts_node_is_null(depends)) return false;
      if (depends_like(n)) depends = n;
      return ts_node_is_null(depends);
    });
  };
  TSNode value = field(param, "value");
  if (depends_like(value)) depends = value;
  TSNode type = field(param, "type");
  if (ts_node_is_null(depends) && !ts_node_is_null(type)) {
    search(type);
    // UserToken = Annotated[str, Depends(get_token)]
    TSNode alias = first_child(type);
    if (ts_node_is_null(depends) && is(alias, "identifier")) {
      for (TSNode b : res_.bindings_of(text(alias), alias)) search(b);
    }
  }
  if (ts_node_is_null(depends)) return std::nullopt;
  TSNode dependency = positional(depends, 0);
  if (ts_node_is_null(dependency)) dependency = keyword(depends, "dependency", src_);
  if (!is(dependency, "identifier") && !is(dependency, "attribute")) return std::nullopt;
  // Resolve it like a call of the dependency.
  std::optional<Callee> callee = engine_.resolve_callee_named(module_, dependency);
  if (!callee || ts_node_is_null(callee->fn)) return std::nullopt;
  const Summary* sum = engine_.summary(callee->module, callee->fn);
  if (!sum || !sum->returns) return std::nullopt;
  Taint t = *sum->returns;
  t.missing = t.may_missing = false;
  t.add_step(step(param, "injected by Depends(" + callee->name + ")"));
  return t;
}

bool Interp::router_checks_token() {
  // @router.get(...) where router = APIRouter(dependencies=[Depends(check)]), or the decorator
  // itself given dependencies=[...]: FastAPI runs `check` first; a check that only returns
  // when the token is present guards every read of the header in the handler.
  if (ts_node_is_null(function_)) return false;
  TSNode parent = ts_node_parent(function_);
  if (!is(parent, "decorated_definition")) return false;
  auto checks = [&](TSNode call) {
    TSNode deps = keyword(call, "dependencies", src_);
    bool found = false;
    walk(deps, [&](TSNode n) {
      if (found || !is(n, "call")) return !found;
      std::string name = strip_space(text(field(n, "function")));
      if (name != "Depends" && !name.ends_with(".Depends")) return true;
      TSNode dep = positional(n, 0);
      auto callee = engine_.resolve_callee_named(module_, dep);
      if (callee && !ts_node_is_null(callee->fn)) {
        const Summary* sum = engine_.summary(callee->module, callee->fn);
        found = sum && sum->returns && sum->returns->mask == 0 && !sum->returns->missing;
      }
      return !found;
    });
    return found;
  };
  for (TSNode d : kids(parent)) {
    if (!is(d, "decorator")) continue;
    TSNode call = first_child(d);
    if (!is(call, "call")) continue;
    if (checks(call)) return true;
    TSNode fn = field(call, "function");
    if (!is(fn, "attribute")) continue;
    TSNode router = unparen(field(fn, "object"));
    if (!is(router, "identifier")) continue;
    for (TSNode b : res_.bindings_of(text(router), router)) {
      if (is(b, "call") && checks(b)) return true;
    }
  }
  return false;
}

}  // namespace obolint::py::flow

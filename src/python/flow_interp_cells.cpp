// Cells: the token kept beyond the function that read it, where another function reads it back.
// `Service(token=t)` storing it as self.bearer for the methods, `self.token = ...` in one method
// read in another, a module's ContextVar set by a middleware and read by a dependency, a global.
#include "python/flow_interp.h"
#include "python/flow_interp_internal.h"

namespace obolint::py::flow {

std::string Interp::own_class_cell(std::string_view attr) const {
  if (ts_node_is_null(function_)) return "";
  TSNode cls = enclosing(function_, "class_definition");
  if (ts_node_is_null(cls)) return "";
  return Engine::class_cell(module_, cls, src_, attr);
}

// `g.user_token`, `request.state.token`: one cell per attribute name for the whole scan (the hook
// that sets it and the handler that reads it are usually in different functions or modules).
std::string Interp::request_cell(TSNode attribute) const {
  if (!is(attribute, "attribute")) return "";
  return request_cell_named(field(attribute, "object"), text(field(attribute, "attribute")));
}

std::string Interp::request_cell_named(TSNode holder, std::string_view attr) const {
  const FlowPatterns& p = engine_.patterns();
  std::string resolved = res_.resolve(holder), written = strip_space(text(holder));
  if (!p.request_scoped.matches(resolved, written) &&
      !(engine_.app_code(module_) && p.request_scoped_in_apps.matches(resolved, written))) {
    return "";
  }
  return "request:" + std::string(attr);
}

std::string Interp::cell_of_target(TSNode target) const {
  target = unparen(target);
  if (is(target, "attribute") && text(field(target, "object")) == "self") {
    return own_class_cell(text(field(target, "attribute")));
  }
  if (std::string cell = request_cell(target); !cell.empty()) return cell;
  if (is(target, "identifier")) {
    std::string name = text(target);
    if (std::find(globals_.begin(), globals_.end(), name) != globals_.end()) {
      return engine_.module_cell(module_, name);
    }
  }
  return "";
}

void Interp::write_cell(const std::string& cell, TSNode at, const Value& v) {
  if (cell.empty() || !v.taint) return;
  if (v.taint->is_source()) {
    Taint t = *v.taint;
    t.missing = false;  // what a later reader sees is the value, not this branch
    t.may_missing = false;
    t.add_step(step(at, "kept in " + cell.substr(cell.find(':') + 1)));
    engine_.write_cell(cell, t);
  } else if (mode_ == Mode::Summary && v.taint->param >= 0 &&
             static_cast<std::size_t>(v.taint->param) < param_cells.size()) {
    auto& cells = param_cells[v.taint->param];
    if (std::find(cells.begin(), cells.end(), cell) == cells.end()) cells.push_back(cell);
  }
}

void Interp::store_arguments_in_cells(TSNode call, const Callee& callee, const Summary* sum,
                                      const std::vector<std::pair<int, Value>>& args) {
  for (const auto& [param, v] : args) {
    if (!sum || param < 0 || static_cast<std::size_t>(param) >= sum->param_cells.size()) continue;
    for (const auto& cell : sum->param_cells[param]) write_cell(cell, call, v);
  }
  (void)callee;
}

// The class a parameter is declared as (`headers: Headers`, `Annotated[Headers, Depends(f)]`,
// `Optional[Headers]`, `Headers | None`, or a module-level alias of one of those), when the scan
// defines it: the cells of its attributes are what `headers.token` reads.
// The class a type expression names, when the scan defines it: `Headers`, `Annotated[Headers,
// Depends(f)]`, `Optional[Headers]`, `Headers | None`, or a module-level alias of one of those,
// here or in the module it is imported from. A few hops at most.
std::optional<Callee> Interp::class_of_type(int module, TSNode t, int hops) const {
  if (hops > 4 || ts_node_is_null(t) || module < 0) return std::nullopt;
  const Resolver* r = engine_.project().load(module);
  if (!r) return std::nullopt;
  if (is(t, "type")) return class_of_type(module, first_child(t), hops + 1);
  if (is(t, "subscript")) return class_of_type(module, field(t, "subscript"), hops + 1);
  if (is(t, "generic_type")) {
    TSNode args = ts_node_named_child(t, 1);
    return class_of_type(module, ts_node_is_null(args) ? TSNode{} : first_child(args), hops + 1);
  }
  if (is(t, "binary_operator")) return class_of_type(module, field(t, "left"), hops + 1);
  if (!is(t, "identifier") && !is(t, "attribute")) return std::nullopt;
  std::optional<Callee> c = engine_.resolve_callee_named(module, t);
  if (c && !ts_node_is_null(c->cls)) return c;
  if (!is(t, "identifier")) return std::nullopt;
  std::string name(text_of(t, engine_.module(module).src()));
  // A module-level alias here: HeadersDependency = Annotated[Headers, Depends(get_headers)].
  for (TSNode b : r->bindings_of(name, t)) {
    if (ts_node_is_null(enclosing(b, "function_definition"))) {
      if (auto found = class_of_type(module, b, hops + 1)) return found;
    }
  }
  // Imported: the same name in the module it comes from.
  auto it = r->imports().find(name);
  if (it == r->imports().end()) return std::nullopt;
  auto cut = it->second.rfind('.');
  if (cut == std::string::npos) return std::nullopt;
  int other =
      engine_.project().find_module_index(std::string_view(it->second).substr(0, cut), module_);
  if (other < 0 || other == module || !engine_.project().load(other)) return std::nullopt;
  std::string there = it->second.substr(cut + 1);
  TSNode cls = engine_.class_named(other, there);
  if (!ts_node_is_null(cls)) return Callee{other, TSNode{}, 1, there, cls};
  const Module& om = engine_.module(other);
  for (TSNode st : named_children(om.root())) {
    if (!is(st, "expression_statement")) continue;
    TSNode a = first_child(st);
    if (is(a, "assignment") && text_of(field(a, "left"), om.src()) == there) {
      return class_of_type(other, field(a, "right"), hops + 1);
    }
  }
  return std::nullopt;
}

std::optional<Callee> Interp::parameter_class(std::string_view name) const {
  if (ts_node_is_null(function_)) return std::nullopt;
  for (TSNode p : named_children(field(function_, "parameters"))) {
    if (!is(p, "typed_parameter") && !is(p, "typed_default_parameter")) continue;
    TSNode n = is(p, "typed_parameter") ? first_child(p) : field(p, "name");
    if (text(n) == name) return class_of_type(module_, field(p, "type"), 0);
  }
  return std::nullopt;
}

std::optional<Taint> Interp::read_cell_at(TSNode e) const {
  e = unparen(e);
  std::string cell;
  if (is(e, "attribute") && text(field(e, "object")) == "self") {
    cell = own_class_cell(text(field(e, "attribute")));
  } else if (is(e, "attribute")) {
    cell = request_cell(e);
    TSNode obj = unparen(field(e, "object"));
    if (cell.empty() && is(obj, "identifier")) {
      if (auto cls = parameter_class(text(obj))) {
        cell = Engine::class_cell(cls->module, cls->cls, engine_.module(cls->module).src(),
                                  text(field(e, "attribute")));
      }
    }
  } else if (is(e, "identifier")) {
    std::string name = text(e);
    if (!res_.bindings_of(name, e).empty()) {
      // Bound in this module: its own global (a module-level binding read in a function).
      bool local = false;
      for (TSNode b : res_.bindings_of(name, e)) {
        local = local || !ts_node_is_null(enclosing(b, "function_definition"));
      }
      if (!local) cell = engine_.module_cell(module_, name);
    } else if (auto it = res_.imports().find(name); it != res_.imports().end()) {
      // from .context import user_token_var
      const std::string& path = it->second;
      auto cut = path.rfind('.');
      if (cut != std::string::npos) {
        int other =
            engine_.project().find_module_index(std::string_view(path).substr(0, cut), module_);
        if (other >= 0) cell = engine_.module_cell(other, path.substr(cut + 1));
      }
    }
  }
  if (cell.empty()) return std::nullopt;
  const Taint* t = engine_.read_cell(cell);
  if (!t) return std::nullopt;
  Taint out = *t;
  out.add_step(step(e, "read back here"));
  return out;
}

}  // namespace obolint::py::flow

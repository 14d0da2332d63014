#include "python/forwards.h"

#include <algorithm>

#include "python/ts_util.h"

namespace obolint::py {
namespace {

std::string last_name(std::string_view callee) {
  auto dot = callee.rfind('.');
  return std::string(dot == std::string_view::npos ? callee : callee.substr(dot + 1));
}

// The argument names a parameter directly: `f(p)`, `f(x=p)`, `f(*p)`, `f(**p)`.
bool passes(TSNode arg, const std::vector<std::string>& params, std::string_view src) {
  if (is(arg, "keyword_argument")) arg = field(arg, "value");
  if ((is(arg, "list_splat") || is(arg, "dictionary_splat")) && ts_node_named_child_count(arg)) {
    arg = ts_node_named_child(arg, 0);
  }
  return is(arg, "identifier") &&
         std::find(params.begin(), params.end(), text_of(arg, src)) != params.end();
}

}  // namespace

std::vector<std::string> parameter_names(TSNode function, std::string_view src) {
  std::vector<std::string> names;
  for (TSNode p : named_children(field(function, "parameters"))) {
    TSNode name = p;
    if (is(p, "default_parameter") || is(p, "typed_default_parameter")) name = field(p, "name");
    if (is(p, "typed_parameter") || is(p, "list_splat_pattern") ||
        is(p, "dictionary_splat_pattern")) {
      name = ts_node_named_child(p, 0);
    }
    if (is(name, "list_splat_pattern") || is(name, "dictionary_splat_pattern")) {
      name = ts_node_named_child(name, 0);
    }
    if (is(name, "identifier")) names.emplace_back(text_of(name, src));
  }
  return names;
}

void find_forwards(const Module& module, std::size_t index,
                   std::vector<facts::ParameterForward>& out) {
  std::string_view src = module.src();
  walk(module.root(), [&](TSNode fn) {
    if (!is(fn, "function_definition")) return true;
    std::vector<std::string> params = parameter_names(fn, src);
    std::string from(text_of(field(fn, "name"), src));
    if (params.empty()) return true;
    // Calls of this function's own body; nested functions are visited on their own.
    walk(field(fn, "body"), [&](TSNode n) {
      if (is(n, "function_definition") || is(n, "lambda")) return false;
      if (!is(n, "call")) return true;
      for (TSNode arg : named_children(field(n, "arguments"))) {
        if (!passes(arg, params, src)) continue;
        out.push_back({from, last_name(text_of(field(n, "function"), src)), index});
        break;
      }
      return true;
    });
    return true;
  });
}

}  // namespace obolint::py

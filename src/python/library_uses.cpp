#include "python/library_uses.h"

#include <algorithm>

#include "python/forwards.h"
#include "python/ts_util.h"

namespace obolint::py {
namespace {

constexpr int kMaxBindingDepth = 4;

// Every component of a dotted path is spelled somewhere in a module that can reach it (an
// import names it, or an attribute access does): a module lacking one is not walked at all.
bool may_reach(std::string_view src, const std::string& path) {
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t dot = path.find('.', start);
    std::string_view part = std::string_view(path).substr(start, dot - start);
    if (!part.empty() && src.find(part) == std::string_view::npos) return false;
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return true;
}

std::string last_component(const std::string& path) {
  auto dot = path.rfind('.');
  return dot == std::string::npos ? path : path.substr(dot + 1);
}

std::string scope_of(TSNode n, std::string_view src) {
  TSNode fn = enclosing(n, "function_definition");
  if (ts_node_is_null(fn)) return "<module>";
  std::string name(text_of(field(fn, "name"), src));
  TSNode cls = enclosing(fn, "class_definition");
  return ts_node_is_null(cls) ? name : std::string(text_of(field(cls, "name"), src)) + "." + name;
}

std::string without_space(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') out += c;
  }
  return out;
}

// The outermost attribute/call chain that `n` starts: `X.builder` in
// `X.builder.remote(...).getOrCreate()` grows to the whole expression.
TSNode chain_top(TSNode n) {
  TSNode top = n;
  for (;;) {
    TSNode p = ts_node_parent(top);
    bool continues = (is(p, "attribute") && ts_node_eq(field(p, "object"), top)) ||
                     (is(p, "call") && ts_node_eq(field(p, "function"), top));
    if (!continues) return top;
    top = p;
  }
}

bool listed(const std::vector<std::string>& list, const std::string& value) {
  return !value.empty() && std::find(list.begin(), list.end(), value) != list.end();
}

facts::TokenArgument classify(const Resolver& r, const AppContextData& data, TSNode value,
                              int depth) {
  std::string_view src = r.module().src();
  if (ts_node_is_null(value)) return facts::TokenArgument::None;
  if ((is(value, "string") || is(value, "concatenated_string")) && static_string(value, src).ok) {
    return facts::TokenArgument::Literal;
  }
  if (is(value, "call") && listed(data.env_readers, r.resolve(field(value, "function")))) {
    return facts::TokenArgument::Environment;
  }
  if (is(value, "subscript") && listed(data.env_maps, r.resolve(field(value, "value")))) {
    return facts::TokenArgument::Environment;
  }
  if (is(value, "identifier") && depth < kMaxBindingDepth) {
    std::string_view name = text_of(value, src);
    TSNode fn = enclosing(value, "function_definition");
    auto bound = r.bindings_of(name, value);
    auto local = std::count_if(bound.begin(), bound.end(), [&](TSNode b) {
      return ts_node_eq(enclosing(b, "function_definition"), fn);
    });
    if (!ts_node_is_null(fn) && local == 0) {
      auto params = parameter_names(fn, src);
      if (std::find(params.begin(), params.end(), name) != params.end()) {
        return facts::TokenArgument::Parameter;
      }
    }
    // A name bound only to environment reads (or only to literals, or only to one parameter) is
    // one of those.
    if (!bound.empty()) {
      facts::TokenArgument first = classify(r, data, bound.front(), depth + 1);
      bool same = std::all_of(bound.begin(), bound.end(),
                              [&](TSNode b) { return classify(r, data, b, depth + 1) == first; });
      if (same && first != facts::TokenArgument::None) return first;
    }
  }
  return facts::TokenArgument::Value;
}

// The token argument of a call: the keyword, the positional index that binds it, or the key of
// a `**{...}` / `**dict(...)` splat.
TSNode token_argument(const Resolver& r, TSNode call, const AppContextData::Connection& c) {
  std::string_view src = r.module().src();
  int positional = 0;
  for (TSNode a : named_children(field(call, "arguments"))) {
    if (is(a, "keyword_argument")) {
      if (text_of(field(a, "name"), src) == c.token_keyword) return field(a, "value");
    } else if (is(a, "dictionary_splat") && ts_node_named_child_count(a) == 1) {
      TSNode dict = ts_node_named_child(a, 0);
      if (is(dict, "identifier")) {
        auto bound = r.bindings_of(text_of(dict, src), dict);
        dict = bound.size() == 1 ? bound.front() : TSNode{};
      }
      for (TSNode pair : named_children(dict)) {
        if (is(pair, "pair") && static_string(field(pair, "key"), src).value == c.token_keyword) {
          return field(pair, "value");
        }
      }
    } else if (!is(a, "list_splat") && !is(a, "comment")) {
      if (positional++ == c.token_position) return a;
    }
  }
  return TSNode{};
}

}  // namespace

void find_references(const Resolver& r, const AppContextData& data, std::size_t module,
                     std::vector<facts::LibraryReference>& out) {
  std::string_view src = r.module().src();
  for (const auto& ref : data.references) {
    for (const auto& path : ref.paths) {
      if (!may_reach(src, path)) continue;
      std::string attribute = last_component(path);
      walk(r.module().root(), [&](TSNode n) {
        if (!is(n, "attribute") || text_of(field(n, "attribute"), src) != attribute ||
            r.resolve(n) != path) {
          return true;
        }
        TSNode top = chain_top(n);
        out.push_back({{r.module().file().path(), r.module().span(top)},
                       ref.kind,
                       path,
                       without_space(text_of(top, src)),
                       scope_of(top, src),
                       module});
        return false;
      });
    }
  }
}

void find_connections(const Resolver& r, const AppContextData& data, std::size_t module,
                      std::vector<facts::ConnectionCall>& out) {
  std::string_view src = r.module().src();
  for (const auto& c : data.connections) {
    bool may = std::any_of(c.callees.begin(), c.callees.end(),
                           [&](const std::string& p) { return may_reach(src, p); });
    if (!may) continue;
    walk(r.module().root(), [&](TSNode n) {
      if (is(n, "call") && listed(c.callees, r.resolve(field(n, "function")))) {
        facts::TokenArgument token = classify(r, data, token_argument(r, n, c), 0);
        TSNode fn = enclosing(n, "function_definition");
        std::string function =
            ts_node_is_null(fn) ? "" : std::string(text_of(field(fn, "name"), src));
        out.push_back(
            {{r.module().file().path(), r.module().span(n)}, c.kind, token, function, module});
      }
      return true;
    });
  }
}

}  // namespace obolint::py

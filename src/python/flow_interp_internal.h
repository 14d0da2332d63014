// Helpers shared by the parts of the flow interpreter (flow_interp*.cpp); not a public API.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "python/flow_interp.h"
#include "python/ts_util.h"

namespace obolint::py::flow {

inline constexpr int kLoopRounds = 3;
inline constexpr int kMaxDepth = 200;  // expression nesting followed by eval/narrow

struct DepthGuard {
  explicit DepthGuard(int& d) : depth(d) { ++depth; }
  ~DepthGuard() { --depth; }
  DepthGuard(const DepthGuard&) = delete;
  DepthGuard& operator=(const DepthGuard&) = delete;
  int& depth;
};
// The state key of "the header is in the request" (`if H in request.headers:`); must-hold.
inline constexpr std::string_view kHeaderPresent = "\x02header-present";

inline bool same(const State& a, const State& b) {
  if (a.reachable != b.reachable || a.vars.size() != b.vars.size()) return false;
  for (const auto& [k, t] : a.vars) {
    const Taint* o = b.find(k);
    if (!o || o->mask != t.mask || o->missing != t.missing || o->param != t.param) return false;
  }
  return true;
}

inline std::string strip_space(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t' && c != '\\') out.push_back(c);
  }
  return out;
}

// The argument nodes of a call: positional values and keyword arguments (splats included).
inline std::vector<TSNode> argument_nodes(TSNode call) {
  std::vector<TSNode> out;
  TSNode args = field(call, "arguments");
  if (!is(args, "argument_list")) return out;
  for (TSNode a : kids(args)) {
    if (!is(a, "comment")) out.push_back(a);
  }
  return out;
}

inline TSNode positional(TSNode call, int index) {
  int i = 0;
  for (TSNode a : argument_nodes(call)) {
    if (is(a, "keyword_argument") || is(a, "list_splat") || is(a, "dictionary_splat")) continue;
    if (i++ == index) return a;
  }
  return TSNode{};
}

inline TSNode keyword(TSNode call, std::string_view name, std::string_view src) {
  for (TSNode a : argument_nodes(call)) {
    if (is(a, "keyword_argument") && text_of(field(a, "name"), src) == name) {
      return field(a, "value");
    }
  }
  return TSNode{};
}

inline TSNode first_child(TSNode n) {
  return ts_node_is_null(n) || ts_node_named_child_count(n) == 0 ? TSNode{}
                                                                 : ts_node_named_child(n, 0);
}

inline TSNode unparen(TSNode n) {
  while (is(n, "parenthesized_expression") && ts_node_named_child_count(n) == 1) {
    n = ts_node_named_child(n, 0);
  }
  return n;
}

}  // namespace obolint::py::flow

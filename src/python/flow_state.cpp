#include "python/flow_state.h"

namespace obolint::py::flow {

bool State::in_missing_branch(bool may) const {
  return missing_source(may) != nullptr;
}

const Taint* State::missing_source(bool may) const {
  if (!reachable) return nullptr;
  const Taint* weak = nullptr;
  for (const auto& [name, t] : vars) {
    if (!t.is_source()) continue;
    // A per-user client known to be absent (`if client is None:`) means the user's token was
    // missing where it was built; only a definite test of the client itself counts.
    if (t.client) {
      if (t.missing) return &t;
      continue;
    }
    if (t.missing) return &t;
    if (may && t.may_missing && !weak) weak = &t;
  }
  return weak;
}

std::optional<Taint> join(const std::optional<Taint>& a, const std::optional<Taint>& b) {
  if (!a) return b;
  if (!b) return a;
  // The representative: a header source over a parameter, an unchecked one over a checked one.
  auto rank = [](const Taint& t) { return (t.is_source() ? 2 : 0) + (t.unchecked() ? 1 : 0); };
  const Taint& keep = rank(*b) > rank(*a) ? *b : *a;
  const Taint& other = &keep == &*a ? *b : *a;
  Taint out = keep;
  if (other.is_source() == keep.is_source()) {
    out.mask = keep.mask | other.mask;
    if ((other.mask & kMayBePlaceholder) && !(keep.mask & kMayBePlaceholder)) {
      out.placeholder = other.placeholder;
    }
  }
  out.missing = a->missing && b->missing;
  out.may_missing = a->missing || b->missing || a->may_missing || b->may_missing;
  out.credential = a->credential || b->credential;
  out.replaced = a->replaced || b->replaced;
  out.partial = a->partial && b->partial;
  out.client = a->client && b->client;
  return out;
}

State join(const State& a, const State& b) {
  if (!a.reachable) return b;
  if (!b.reachable) return a;
  State out;
  for (const auto& [name, node] : a.aliases) {
    auto it = b.aliases.find(name);
    if (it != b.aliases.end() && ts_node_eq(it->second, node)) out.aliases.emplace(name, node);
  }
  out.vars = a.vars;
  out.apps = a.apps;
  for (const auto& [name, app] : b.apps) out.apps[name] = stronger(out.apps[name], app);
  for (const auto& [name, t] : b.vars) {
    auto it = out.vars.find(name);
    if (it == out.vars.end()) {
      Taint copy = t;
      copy.may_missing = copy.may_missing || copy.missing;
      copy.missing = false;  // not missing on the other path
      out.vars.emplace(name, std::move(copy));
    } else {
      it->second = *join(std::optional<Taint>(it->second), std::optional<Taint>(t));
    }
  }
  for (auto it = out.vars.begin(); it != out.vars.end();) {
    bool both = a.vars.count(it->first) && b.vars.count(it->first);
    // Facts (keys starting with \x02, "the header is present") must hold on every path; a read
    // tested directly (\x01) is missing only inside the branch that tested it.
    if (!both && !it->first.empty() && (it->first[0] == '\x02' || it->first[0] == '\x01')) {
      it = out.vars.erase(it);
      continue;
    }
    if (!b.vars.count(it->first)) {
      it->second.may_missing = it->second.may_missing || it->second.missing;
      it->second.missing = false;
    }
    ++it;
  }
  return out;
}

State join_all(const std::vector<State>& states) {
  State out = State::unreachable();
  for (const auto& s : states) out = join(out, s);
  return out;
}

Value join(const Value& a, const Value& b) {
  Value out;
  out.taint = join(a.taint, b.taint);
  out.app = stronger(a.app, b.app);
  if (!out.taint) {
    if (a.literal == b.literal && a.text == b.text) {
      out.literal = a.literal;
      out.text = a.text;
    }
    return out;
  }
  // The tainted side joined with a literal on the other: the literal is what a missing token
  // turns into.
  const Value& lit = a.taint ? b : a;
  if (a.taint && b.taint) return out;
  switch (lit.literal) {
    case Value::Literal::None:
      out.taint->mask |= kMayBeNone;
      break;
    case Value::Literal::Empty:
      out.taint->mask |= kMayBeEmpty;
      break;
    case Value::Literal::String:
      out.taint->mask |= kMayBePlaceholder;
      out.taint->placeholder = lit.text;
      break;
    case Value::Literal::Other:
      break;
  }
  out.taint->missing = false;
  return out;
}

}  // namespace obolint::py::flow

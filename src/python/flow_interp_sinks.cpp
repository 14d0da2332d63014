// The flow interpreter's facts about where the token goes: call arguments classified into sinks
// (rules/languages/python.toml [sinks], the scan's own helpers by their summaries), responses of
// request handlers, and stores that outlive the request.
#include <algorithm>

#include "python/flow_interp.h"
#include "python/flow_interp_internal.h"

namespace obolint::py::flow {
namespace {

constexpr std::size_t kMaxLeaksPerParam = 4;  // enough to report, bounded for summaries

bool leaks(facts::Sink s) {
  return s != facts::Sink::Call && s != facts::Sink::Credential;
}

// The last name of a call's function: `connect` of `sql.connect`, `make_client` of a name.
std::string_view callee_name(TSNode call, std::string_view src) {
  TSNode fn = field(call, "function");
  if (is(fn, "attribute")) return text_of(field(fn, "attribute"), src);
  return text_of(fn, src);
}

}  // namespace

facts::Sink Interp::classify_argument(TSNode call, const Summary* sum, int param,
                                      std::string_view keyword, int position,
                                      const Value& v) const {
  const FlowPatterns& p = engine_.patterns();
  // An Authorization header or a connection string built from the token authenticates wherever
  // it goes.
  if (v.taint && v.taint->credential) return facts::Sink::Credential;
  if (sum) {
    // The scan's own helper: what it does with the parameter decides (its summary).
    if (param >= 0 && static_cast<std::size_t>(param) < sum->param_credential.size() &&
        sum->param_credential[param]) {
      return facts::Sink::Credential;
    }
    return facts::Sink::Call;
  }
  TSNode fn = field(call, "function");
  std::string resolved = res_.resolve(fn), fn_text = strip_space(text(fn));
  if (auto kind = p.sink_of(resolved, fn_text, keyword, position)) return *kind;
  if (!keyword.empty() && std::find(p.credential_keywords.begin(), p.credential_keywords.end(),
                                    keyword) != p.credential_keywords.end()) {
    return facts::Sink::Credential;
  }
  if (keyword.empty() && p.credential_callee &&
      p.credential_callee->search(callee_name(call, src_))) {
    return facts::Sink::Credential;
  }
  return facts::Sink::Call;
}

// In a summary: where a parameter of the function being summarized goes, for its callers.
void Interp::summarize_argument(TSNode arg, const Value& v, facts::Sink sink,
                                const std::string& callee_text, const Summary* sum, int param) {
  int own = v.taint->param;
  if (own < 0 || static_cast<std::size_t>(own) >= param_credential.size()) return;
  if (sink == facts::Sink::Credential) {
    param_credential[own] = true;
    // Through a helper of a helper: only what both let through.
    unsigned inner =
        sum && param >= 0 && static_cast<std::size_t>(param) < sum->param_credential_mask.size()
            ? sum->param_credential_mask[param]
            : kAllMissing | kKnownMissing;
    unsigned here = v.taint->mask | (v.taint->missing ? unsigned{kKnownMissing} : 0u);
    param_credential_mask[own] |= here & inner;
  }
  // A helper of a helper that falls back when this parameter is missing, passed on unchecked.
  if (sum && v.taint->unchecked() && param >= 0 &&
      static_cast<std::size_t>(param) < sum->param_fallbacks.size()) {
    for (const auto& fb : sum->param_fallbacks[param]) {
      if (param_fallbacks[own].size() < kMaxLeaksPerParam) param_fallbacks[own].push_back(fb);
    }
  }
  if (sum && param >= 0 && static_cast<std::size_t>(param) < sum->param_stores.size()) {
    for (const auto& inner : sum->param_stores[param]) {
      if (param_stores[own].size() < kMaxLeaksPerParam) param_stores[own].push_back(inner);
    }
  }
  auto& list = param_leaks[own];
  if (leaks(sink) && list.size() < kMaxLeaksPerParam) {
    list.push_back(
        {sink, {mod_.file().path(), mod_.span(arg)}, callee_text, strip_space(text(arg))});
  }
  if (sum && param >= 0 && static_cast<std::size_t>(param) < sum->param_leaks.size()) {
    for (const auto& inner : sum->param_leaks[param]) {
      if (list.size() < kMaxLeaksPerParam) list.push_back(inner);
    }
  }
}

void Interp::record_argument(TSNode call, TSNode arg, const Value& v, facts::Sink sink,
                             const std::optional<Callee>& callee, const Summary* sum, int param) {
  if (!v.taint || v.taint->client) return;
  std::string callee_text = strip_space(text(field(call, "function")));
  if (mode_ == Mode::Summary) {
    summarize_argument(arg, v, sink, callee_text, sum, param);
    return;
  }
  if (!v.taint->is_source()) return;
  // Only when the helper itself connects with the parameter: an Authorization header handed to
  // a helper that merely forwards it (`get_json(path, headers)`) is used here, whatever the
  // helper's summary says of its parameter.
  bool helper_connects = sum && param >= 0 &&
                         static_cast<std::size_t>(param) < sum->param_credential.size() &&
                         sum->param_credential[param];
  if (helper_connects && sink == facts::Sink::Credential &&
      static_cast<std::size_t>(param) < sum->param_credential_mask.size() && !v.taint->missing &&
      (sum->param_credential_mask[param] & kKnownMissing) == 0) {
    // The helper tests the parameter before it connects: only what its test lets through is
    // unchecked here (`if token:` catches None and "", not a placeholder default).
    Value checked = v;
    checked.taint->mask &= sum->param_credential_mask[param];
    if (checked.taint->mask == 0) checked.taint->may_missing = false;
    record_use(arg, callee_text, checked, sink);
  } else {
    record_use(arg, callee_text, v, sink);
  }
  if (!sum || param < 0) return;
  auto inner_of = [&](const auto& per_param) {
    return static_cast<std::size_t>(param) < per_param.size() ? &per_param[param] : nullptr;
  };
  // What happens inside the helper happened to this token: one step for all of it.
  Taint passed = *v.taint;
  passed.add_step(step(arg, "passed to " + (callee ? callee->name : callee_text) + "()"));
  // The helper answers a missing token with the app's own credentials.
  if (const auto* fallbacks = inner_of(sum->param_fallbacks); fallbacks && v.taint->unchecked()) {
    for (const auto& inner : *fallbacks) {
      facts::CredentialFallback fb;
      fb.at = inner.at;
      fb.construct = inner.construct;
      fb.scope = scope_;
      fb.trace = passed.trace;
      engine_.record(std::move(fb));
    }
  }
  // Where the helper keeps it: shared with every later request.
  if (const auto* stores = inner_of(sum->param_stores)) {
    for (const auto& inner : *stores) {
      facts::TokenStore fact;
      fact.at = inner.at;
      fact.store = inner.store;
      fact.held = v.taint->client ? facts::Held::Client : inner.held;
      fact.target = inner.target;
      fact.scope = scope_;
      fact.trace = passed.trace;
      engine_.record(std::move(fact));
    }
  }
  // What the helper does with it inside: a log line or a response there leaks this token.
  if (const auto* leaks = inner_of(sum->param_leaks)) {
    for (const auto& inner : *leaks) {
      facts::TokenUse use;
      use.at = inner.at;
      use.sink = inner.kind;
      use.reveals = passed.partial ? facts::Reveals::Partial : facts::Reveals::Whole;
      use.callee = inner.callee;
      use.scope = scope_;
      use.argument = inner.argument;
      use.unchecked = passed.unchecked();
      use.trace = passed.trace;
      engine_.record(std::move(use));
    }
  }
}

void Interp::record_use(TSNode at, std::string_view callee, const Value& v, facts::Sink sink) {
  if (mode_ != Mode::Report || !v.taint || !v.taint->is_source() || v.taint->client) return;
  const Taint& t = *v.taint;
  facts::TokenUse use;
  use.at = {mod_.file().path(), mod_.span(at)};
  use.sink = sink;
  use.reveals = t.partial ? facts::Reveals::Partial : facts::Reveals::Whole;
  use.callee = std::string(callee);
  use.scope = scope_;
  use.argument = strip_space(text(at));
  use.unchecked = t.unchecked();
  if (t.mask == kMayBePlaceholder && !t.missing) use.uncaught_default = t.placeholder;
  use.trace = t.trace;
  engine_.record(std::move(use));
}

TSNode Interp::decorator_named(const std::vector<std::string>& names) const {
  if (ts_node_is_null(function_)) return TSNode{};
  TSNode parent = ts_node_parent(function_);
  if (!is(parent, "decorated_definition")) return TSNode{};
  for (TSNode d : kids(parent)) {
    if (!is(d, "decorator")) continue;
    TSNode e = first_child(d);
    if (is(e, "call")) e = field(e, "function");
    std::string_view name =
        is(e, "attribute") ? text_of(field(e, "attribute"), src_) : text_of(e, src_);
    if (std::find(names.begin(), names.end(), name) != names.end()) return d;
  }
  return TSNode{};
}

std::optional<facts::Store> Interp::store_kind(TSNode target) const {
  target = unparen(target);
  if (is(target, "identifier")) {
    std::string name = text(target);
    if (std::find(globals_.begin(), globals_.end(), name) != globals_.end()) {
      return facts::Store::ModuleGlobal;
    }
    return std::nullopt;
  }
  if (is(target, "subscript")) {
    // A module-level dict written from a function: every request reads it (unless the key is
    // the user's, which the caller checks).
    TSNode base = unparen(field(target, "value"));
    std::string chain = strip_space(text(base));
    if (chain.ends_with("session_state") || chain.ends_with("session"))
      return facts::Store::Session;
    // The application object and its registries: aiohttp's `request.app["client"]`, Flask's
    // `current_app.config[...]`, Panel's `pn.state.cache` (one per process).
    if (chain == "app" || chain.ends_with(".app") || chain.ends_with("app.config") ||
        chain.ends_with("state.cache")) {
      return facts::Store::SharedObject;
    }
    if (is(base, "identifier") && !ts_node_is_null(function_)) {
      auto bound = res_.bindings_of(text(base), base);
      bool module_level = !bound.empty() && std::all_of(bound.begin(), bound.end(), [](TSNode b) {
        return ts_node_is_null(enclosing(b, "function_definition"));
      });
      if (module_level) return facts::Store::SharedObject;
    }
    return std::nullopt;
  }
  if (!is(target, "attribute")) return std::nullopt;
  std::string chain = strip_space(text(field(target, "object")));
  // Per request or per user session: fine.
  if (chain == "g" || chain.ends_with(".g") || chain.ends_with("request.state") ||
      chain.ends_with("session_state") || chain == "session") {
    return facts::Store::Session;
  }
  if (chain.ends_with("app.state") || chain.ends_with(".state") || chain == "app") {
    return facts::Store::SharedObject;
  }
  if (chain == "cls" || chain == "self.__class__" || chain == "type(self)") {
    return facts::Store::ClassAttribute;
  }
  TSNode object = unparen(field(target, "object"));
  if (is(object, "identifier")) {
    // Cls.attr = ...: a class of this module.
    TSNode root = mod_.root();
    bool is_class = false;
    walk(root, [&](TSNode n) {
      if (is_class) return false;
      if (is(n, "class_definition") && text_of(field(n, "name"), src_) == chain) is_class = true;
      return !is(n, "function_definition");
    });
    if (is_class) return facts::Store::ClassAttribute;
    // state.CURRENT_TOKEN = token: a global of another scanned module (`import state`).
    if (auto it = res_.imports().find(chain);
        it != res_.imports().end() && res_.bindings_of(chain, object).empty() &&
        engine_.project().find_module_index(it->second, module_) >= 0) {
      return facts::Store::ModuleGlobal;
    }
  }
  return std::nullopt;
}

void Interp::record_store(TSNode target, const Value& v, facts::Store store, TSNode at) {
  if (mode_ == Mode::Summary && v.taint && v.taint->param >= 0 &&
      static_cast<std::size_t>(v.taint->param) < param_stores.size()) {
    auto& list = param_stores[v.taint->param];
    if (list.size() < kMaxLeaksPerParam) {
      list.push_back({store,
                      v.taint->client ? facts::Held::Client : facts::Held::Token,
                      {mod_.file().path(), mod_.span(ts_node_is_null(at) ? target : at)},
                      strip_space(text(target))});
    }
    return;
  }
  if (mode_ != Mode::Report || !v.taint || !v.taint->is_source()) return;
  facts::TokenStore fact;
  fact.at = {mod_.file().path(), mod_.span(ts_node_is_null(at) ? target : at)};
  fact.store = store;
  fact.held = v.taint->client ? facts::Held::Client : facts::Held::Token;
  fact.target = strip_space(text(target));
  fact.scope = scope_;
  fact.trace = v.taint->trace;
  engine_.record(std::move(fact));
}

}  // namespace obolint::py::flow

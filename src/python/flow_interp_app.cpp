// The flow interpreter's view of the app's own credentials (OBO005): what connects as the app
// (a client with default auth or a service principal's secret, a PAT from the environment, the
// app's OAuth token, a helper or a module singleton returning one), and the facts recorded when
// that happens where the user's token is missing.
#include <algorithm>

#include "python/flow_interp.h"
#include "python/flow_interp_internal.h"

namespace obolint::py::flow {

// "DATABRICKS_TOKEN", "DATABRICKS_CLIENT_SECRET": a name of the app's credentials in the
// environment.
bool Interp::names_env_credential(TSNode name_node) const {
  const FlowPatterns& p = engine_.patterns();
  StaticString name = static_string(name_node, src_);
  return name.ok && std::find(p.env_variables.begin(), p.env_variables.end(), name.value) !=
                        p.env_variables.end();
}

// A client the module (or another one) made at import time, read in a function: the app's,
// whoever calls. (Module code itself runs per request in Streamlit: not a singleton there.)
AppCredentials Interp::named_app_credentials(TSNode e, State* s) {
  const FlowPatterns& p = engine_.patterns();
  if (ts_node_is_null(function_) || (s && s->find(text(e)))) return AppCredentials::None;
  std::string resolved = res_.resolve(e);
  for (const auto& d : p.default_credentials) {
    if (d.weak || resolved != d.callee + "()") continue;
    auto bound = res_.bindings_of(text(e), e);
    bool module_call = !bound.empty() && std::all_of(bound.begin(), bound.end(), [&](TSNode b) {
      return ts_node_is_null(enclosing(b, "function_definition")) && is(b, "call") &&
             res_.resolve(field(b, "function")) == d.callee;
    });
    if (module_call) return AppCredentials::Strong;
  }
  // from .clients import sp_client: the other module's binding decides.
  if (auto it = res_.imports().find(text(e));
      it != res_.imports().end() && res_.bindings_of(text(e), e).empty()) {
    auto cut = it->second.rfind('.');
    int other = cut == std::string::npos
                    ? -1
                    : engine_.project().find_module_index(
                          std::string_view(it->second).substr(0, cut), module_);
    const Resolver* o = engine_.project().load(other);
    if (!o) return AppCredentials::None;
    std::string name = it->second.substr(cut + 1);
    auto bound = o->bindings_of(name, o->module().root());
    bool app = !bound.empty() && std::all_of(bound.begin(), bound.end(), [&](TSNode b) {
      if (!is(b, "call")) return false;
      std::string callee = o->resolve(field(b, "function"));
      return std::any_of(p.default_credentials.begin(), p.default_credentials.end(),
                         [&](const DefaultCredentialCall& d) {
                           return !d.weak && d.callee == callee &&
                                  ts_node_is_null(keyword(b, "token", o->module().src()));
                         });
    });
    if (app) return AppCredentials::Strong;
  }
  return AppCredentials::None;
}

// A call of a known constructor or reader of the app's credentials (`WorkspaceClient()`,
// `Config(client_secret=...)`, `os.getenv("DATABRICKS_TOKEN")`); None when it is not one or
// is built for the user (see called_per_user).
AppCredentials Interp::called_app_credentials(TSNode e, const std::string& resolved, State* s) {
  const FlowPatterns& p = engine_.patterns();
  auto env_variable = [&](TSNode name_node) { return names_env_credential(name_node); };
  for (const auto& d : p.default_credentials) {
    if (d.callee != resolved) continue;
    for (const auto& k : p.app_keywords) {
      if (!ts_node_is_null(keyword(e, k, src_))) return AppCredentials::Strong;
    }
    AppCredentials own = d.weak ? AppCredentials::Weak : AppCredentials::Strong;
    bool per_user = false;
    for (const auto& k : d.unless_keywords) {
      TSNode value = keyword(e, k, src_);
      if (ts_node_is_null(value)) continue;
      // token=<the user's token> makes a per-user client; token=<an env PAT> is the app's.
      if (app_credentials_strength(value, s) != AppCredentials::None) return AppCredentials::Strong;
      per_user = true;
    }
    // config=Config(...): the config decides.
    TSNode config = keyword(e, "config", src_);
    if (!ts_node_is_null(config)) return app_credentials_strength(config, s);
    if (!per_user) return own;
    return AppCredentials::None;
  }
  for (const auto& k : p.service_principal_keywords) {
    if (k.callee == resolved && !ts_node_is_null(keyword(e, k.keyword, src_))) {
      return AppCredentials::Strong;
    }
  }
  if (p.env_readers.matches(resolved, "") &&
      (env_variable(positional(e, 0)) || env_variable(keyword(e, "key", src_)))) {
    return AppCredentials::Strong;
  }
  return AppCredentials::None;
}

// WorkspaceClient(token=<not the app's>): a known constructor given the user's credentials.
bool Interp::called_per_user(TSNode e, const std::string& resolved) const {
  for (const auto& d : engine_.patterns().default_credentials) {
    if (d.callee != resolved) continue;
    for (const auto& k : d.unless_keywords) {
      if (!ts_node_is_null(keyword(e, k, src_))) return true;
    }
  }
  return false;
}

AppCredentials Interp::app_credentials_strength(TSNode e, State* s) {
  const FlowPatterns& p = engine_.patterns();
  e = unparen(e);
  if (is(e, "await") && ts_node_named_child_count(e) == 1) e = ts_node_named_child(e, 0);
  auto env_variable = [&](TSNode name_node) { return names_env_credential(name_node); };
  if (is(e, "subscript")) {
    TSNode obj = field(e, "value");
    bool env = env_variable(field(e, "subscript")) &&
               p.env_maps.matches(res_.resolve(obj), strip_space(text(obj)));
    return env ? AppCredentials::Strong : AppCredentials::None;
  }
  if (is(e, "identifier")) return named_app_credentials(e, s);
  if (!is(e, "call")) return AppCredentials::None;
  TSNode fn = field(e, "function");
  std::string resolved = res_.resolve(fn);
  if (is(fn, "attribute") && std::find(p.token_methods.begin(), p.token_methods.end(),
                                       text(field(fn, "attribute"))) != p.token_methods.end()) {
    return AppCredentials::Strong;  // cfg.oauth_token(): the app's own OAuth token
  }
  if (!resolved.empty()) {
    AppCredentials known = called_app_credentials(e, resolved, s);
    if (known != AppCredentials::None || called_per_user(e, resolved)) return known;
  }
  // A helper of the scan that returns such a client: `def app_client(): return WorkspaceClient()`.
  if (auto callee = engine_.resolve_callee(module_, e)) {
    const Summary* sum = engine_.summary(callee->module, callee->fn);
    return sum ? sum->returns_app_credentials : AppCredentials::None;
  }
  return AppCredentials::None;
}

void Interp::check_fallback(TSNode e, State& s) {
  if (mode_ == Mode::Summary) {
    check_param_fallback(e, s);
    return;
  }
  if (!s.in_missing_branch(true)) return;
  AppCredentials strength = app_credentials_strength(e, &s);
  if (strength == AppCredentials::None) return;
  // WorkspaceClient(token=os.getenv("DATABRICKS_TOKEN")): the PAT itself is the fallback, reported
  // where it is read (the argument is evaluated next).
  if (is(e, "call")) {
    for (const auto& d : engine_.patterns().default_credentials) {
      for (const auto& k : d.unless_keywords) {
        TSNode value = keyword(e, k, src_);
        if (!ts_node_is_null(value) &&
            app_credentials_strength(value, &s) != AppCredentials::None) {
          return;
        }
      }
    }
  }
  // A config made only to read the host counts where the token is missing on every path.
  if (strength == AppCredentials::Weak && !s.in_missing_branch(false)) return;
  report_fallback(e, e, s);
}

// In a helper's summary: the app's own credentials where a parameter is known missing (`if token:
// return WorkspaceClient(token=token)` then `return WorkspaceClient()`), for its callers to report
// when they pass the user's token unchecked.
void Interp::check_param_fallback(TSNode e, State& s) {
  if (!s.reachable) return;
  const Taint* missing = nullptr;
  for (const auto& [name, t] : s.vars) {
    if (t.is_source() || t.client || t.param < 0) continue;
    if (t.missing || t.may_missing) missing = &t;
  }
  if (!missing || static_cast<std::size_t>(missing->param) >= param_fallbacks.size()) return;
  if (app_credentials_strength(e, &s) == AppCredentials::None) return;
  auto& list = param_fallbacks[missing->param];
  Location at{mod_.file().path(), mod_.span(e)};
  for (const auto& fb : list) {
    // Config() inside WorkspaceClient(config=Config()): one fallback.
    if (fb.at.path == at.path && fb.at.span.line == at.span.line) return;
  }
  if (list.size() >= 4) return;
  TSNode fn = is(e, "call") ? field(e, "function") : e;
  list.push_back({at, strip_space(text(fn))});
}

}  // namespace obolint::py::flow

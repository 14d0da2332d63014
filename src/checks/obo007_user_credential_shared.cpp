// OBO007 user-credential-shared: the user's token, or a connection or client built with it, kept
// where later requests of other users reuse it (rules/OBO007-user-credential-shared/README.md).
#include "checks/check.h"

namespace obolint {
namespace {

const char* where_kept(facts::Store store) {
  switch (store) {
    case facts::Store::ModuleGlobal:
      return "a module global";
    case facts::Store::ClassAttribute:
      return "a class attribute";
    case facts::Store::SharedObject:
      return "an app-wide object";
    case facts::Store::CachedFunction:
      return "the cache of a function whose key does not include the token";
    case facts::Store::Session:
      return "the user's session";
  }
  return "shared state";
}

}  // namespace

void check_user_credential_shared(const CheckContext& ctx) {
  for (const auto& s : ctx.facts.token.stores) {
    // Per-user stores (flask.g, st.session_state, a ContextVar, request.state) are the fix.
    if (s.store == facts::Store::Session || !s.trace) continue;
    std::string what = s.held == facts::Held::Token
                           ? "the user's token"
                           : "a connection or client built with the user's token";
    Finding& f = ctx.report.add(ctx.rule, s.at,
                                what + " is kept in " + where_kept(s.store) + " (" + s.target +
                                    ") that every request shares",
                                s.scope + ":" + s.target);
    attach_trace(f, *s.trace, {s.at.path, s.at.span, "kept here for every later request"});
  }
  // The process environment is one store for every request (os.environ["DATABRICKS_TOKEN"] = t).
  for (const auto& use : ctx.facts.token.uses) {
    if (use.sink != facts::Sink::Environment || !use.trace) continue;
    Finding& f = ctx.report.add(
        ctx.rule, use.at,
        "the user's token is written to the process environment, which every request shares",
        use.scope + ":" + use.callee + ":" + use.argument);
    attach_trace(f, *use.trace, {use.at.path, use.at.span, "written to the environment here"});
  }
}

}  // namespace obolint

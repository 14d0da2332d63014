// OBO005 service-principal-fallback: where the user's token is known to be missing, the code
// connects with the app's own credentials (rules/OBO005-service-principal-fallback/README.md).
#include "checks/check.h"

namespace obolint {

void check_service_principal_fallback(const CheckContext& ctx) {
  for (const auto& fb : ctx.facts.token.fallbacks) {
    const Trace& trace = *fb.trace;
    std::string detail = "token read at " + where(trace.source, fb.at.path) +
                         " is missing here, and the app's own credentials are used instead";
    Finding& f = ctx.report.add(ctx.rule, fb.at, detail, fb.scope + ":" + fb.construct);
    attach_trace(
        f, trace,
        {fb.at.path, fb.at.span, "the missing token falls back to the app's own credentials here"});
  }
}

}  // namespace obolint

// OBO004 unvalidated-header-token: the user's token reaches a call on a path where no presence
// check dominates it (rules/OBO004-unvalidated-header-token/README.md).
#include "checks/check.h"
#include "core/redact.h"

namespace obolint {

void check_unvalidated_header_token(const CheckContext& ctx) {
  for (const auto& use : ctx.facts.token.uses) {
    // A missing token fails where it authenticates (or in a helper or library that may); a log
    // line or a response with "None" in it is OBO008's concern, not a broken connection.
    if (!use.unchecked || use.sink != facts::Sink::Credential) {
      continue;
    }
    const Trace& trace = *use.trace;
    std::string detail =
        "token read at " + where(trace.source, use.at.path) + " is used without a presence check";
    if (!use.uncaught_default.empty()) {
      // The default is source text: shown redacted, like every literal that may be a secret.
      detail += " (its default " + redact_secret(use.uncaught_default) +
                " is not caught by a truthiness check)";
    }
    Finding& f =
        ctx.report.add(ctx.rule, use.at, detail, use.scope + ":" + use.callee + ":" + use.argument);
    attach_trace(f, trace, {use.at.path, use.at.span, "used here without a presence check"});
  }
}

}  // namespace obolint

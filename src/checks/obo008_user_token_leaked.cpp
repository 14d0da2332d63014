// OBO008 user-token-leaked: the user's token (or a string holding it whole) written to a log, a
// response, an exception message or a file (rules/OBO008-user-token-leaked/README.md).
#include "checks/check.h"

namespace obolint {
namespace {

// Where a leak goes, for the message; nothing for sinks that are not leaks.
const char* leak_target(facts::Sink sink) {
  switch (sink) {
    case facts::Sink::Log:
      return "a log (logging, print, stderr)";
    case facts::Sink::Response:
      return "the page or a response sent to the browser";
    case facts::Sink::Exception:
      return "an exception message";
    case facts::Sink::File:
      return "a file";
    default:
      return nullptr;
  }
}

}  // namespace

void check_user_token_leaked(const CheckContext& ctx) {
  for (const auto& use : ctx.facts.token.uses) {
    const char* target = leak_target(use.sink);
    // A slice (token[:8]) names a token without granting anything: the prefix policy of the
    // README. Only values that hold the whole token are leaks.
    if (!target || use.reveals != facts::Reveals::Whole || !use.trace) continue;
    Finding& f =
        ctx.report.add(ctx.rule, use.at, std::string("the user's token is written to ") + target,
                       use.scope + ":" + use.callee + ":" + use.argument);
    attach_trace(f, *use.trace, {use.at.path, use.at.span, "written out here"});
  }
}

}  // namespace obolint

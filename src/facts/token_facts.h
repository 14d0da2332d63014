// Facts about the signed-in user's token, computed by the Python and C++ analyses and read by the
// checks (src/checks/). The analyses name no rule: they say where the token was read, where it
// went and what was known about it there; each check decides what is a finding.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/finding.h"

namespace obolint::facts {

// What receives the token.
enum class Sink {
  Credential,  // a connection, a client or its config, an Authorization header, a helper that connects
  Call,        // any other call of the scan or a library (not known to be a credential sink)
};

// The user's token, or a value built from it, passed to a call.
struct TokenUse {
  Location at;          // the argument
  Sink sink = Sink::Call;
  std::string callee;   // the call as written ("sql.connect"), for fingerprints
  std::string scope;    // the enclosing function ("Class.method", "<module>")
  std::string argument; // the argument as written, whitespace removed, for fingerprints
  // The token may still be missing here (a presence check does not dominate the use).
  bool unchecked = false;
  // A default the header read substitutes for a missing token ("NOT PRESENT") that a truthiness
  // check cannot catch; empty when there is none. Source text: redact before printing.
  std::string uncaught_default;
  std::shared_ptr<const Trace> trace;
};

// The app's own credentials (default auth, a service principal, an environment PAT) used on a
// path where the user's token is known to be missing.
struct CredentialFallback {
  Location at;
  std::string construct;  // the call or expression as written, for fingerprints
  std::string scope;
  std::shared_ptr<const Trace> trace;  // of the missing token
};

struct TokenFacts {
  std::vector<TokenUse> uses;
  std::vector<CredentialFallback> fallbacks;
};

}  // namespace obolint::facts

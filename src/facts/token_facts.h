// Facts about the signed-in user's token, computed by the Python and C++ analyses and read by the
// checks (src/checks/). The analyses name no rule: they say where the token was read, where it
// went and what was known about it there; each check decides what is a finding.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/finding.h"

namespace obolint::facts {

// What receives the token. The analyses classify a call from the framework knowledge of
// rules/languages/<lang>.toml; each check picks the kinds it is about.
enum class Sink {
  Credential,  // a connection, a client or its config, an Authorization header, a helper that
               // connects
  Log,         // logging, print, stderr/stdout, a UI write (st.write)
  Response,    // sent to the browser: an HTTP response body, JSON, page output, a client-side store
  Exception,   // the message of an exception raised
  File,        // written to a file
  Environment,  // the process environment (os.environ, setenv): shared by every request
  Call,         // any other call (a library or helper not known to be one of the above)
};

const char* sink_name(Sink s);

// How much of the token the value reveals.
enum class Reveals {
  Whole,    // the token, or a string that holds it (f"Bearer {token}", token.strip())
  Partial,  // a slice of it (token[:8]): names the token without giving it away
};

// The user's token, or a value built from it, passed to a call or written to a sink.
struct TokenUse {
  Location at;  // the argument (the value as written)
  Sink sink = Sink::Call;
  Reveals reveals = Reveals::Whole;
  std::string callee;    // the call as written ("sql.connect"), for fingerprints
  std::string scope;     // the enclosing function ("Class.method", "<module>")
  std::string argument;  // the argument as written, whitespace removed, for fingerprints
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

// Where a per-user value is kept beyond the request that read the token.
enum class Store {
  ModuleGlobal,    // a module variable (`global conn`) or a C++ global / static
  ClassAttribute,  // an attribute of a class, shared by its instances (Cls.conn = ...)
  SharedObject,    // an app-wide object: app.state, a module dict not keyed by the user
  CachedFunction,  // a memoizing function (st.cache_resource, lru_cache) whose key omits the token
  Session,         // per-user: flask.g, st.session_state, a ContextVar, request.state
};

// What is kept: the token itself, or something built from it that acts with it.
enum class Held {
  Token,
  Client,  // a connection, a client or a config holding the token
};

struct TokenStore {
  Location at;  // the assignment target, or the cached function's memoizing decorator
  Store store = Store::ModuleGlobal;
  Held held = Held::Token;
  std::string target;  // what is assigned, as written ("conn", "app.state.client")
  std::string scope;
  std::shared_ptr<const Trace> trace;
};

struct TokenFacts {
  std::vector<TokenUse> uses;
  std::vector<CredentialFallback> fallbacks;
  std::vector<TokenStore> stores;
};

}  // namespace obolint::facts

#include "facts/token_facts.h"

namespace obolint::facts {

const char* sink_name(Sink s) {
  switch (s) {
    case Sink::Credential:
      return "credential";
    case Sink::Log:
      return "log";
    case Sink::Response:
      return "response";
    case Sink::Exception:
      return "exception";
    case Sink::File:
      return "file";
    case Sink::Environment:
      return "environment";
    case Sink::Call:
      return "call";
  }
  return "call";
}

}  // namespace obolint::facts

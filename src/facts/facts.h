// Everything the analyses of one scan found out, for the checks to decide on.
#pragma once

#include "facts/token_facts.h"

namespace obolint::facts {

// Which facts a check reads: the analyses compute only what some selected rule's check needs.
enum Need : unsigned {
  kNeedNothing = 0,
  kNeedTokenFlow = 1u << 0,  // TokenFacts: header reads followed to their uses and fallbacks
};

struct Facts {
  TokenFacts token;
};

}  // namespace obolint::facts

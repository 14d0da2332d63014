// Everything the analyses of one scan found out, for the checks to decide on.
#pragma once

#include "facts/app_facts.h"
#include "facts/dependency_facts.h"
#include "facts/token_facts.h"

namespace obolint::facts {

// Which facts a check reads: the analyses compute only what some selected rule's check needs.
enum Need : unsigned {
  kNeedNothing = 0,
  kNeedTokenFlow = 1u << 0,     // TokenFacts: header reads followed to their uses and fallbacks
  kNeedAppContext = 1u << 1,    // AppFacts: app folders, bundles, Python modules' roles and uses
  kNeedDependencies = 1u << 2,  // DependencyFacts: requirements.txt and pyproject.toml contents
};

struct Facts {
  TokenFacts token;
  AppFacts apps;
  DependencyFacts dependencies;
};

}  // namespace obolint::facts

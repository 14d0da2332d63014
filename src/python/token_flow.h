// OBO004 / OBO005 on Python: the forwarded user token followed from the header read to its uses.
#pragma once

#include <vector>

#include "core/finding.h"
#include "core/rules.h"
#include "facts/token_facts.h"
#include "python/project.h"

namespace obolint::py {

// Follows the header token through every module of `project`: its uses and the fallbacks to
// the app's credentials where it is missing.
facts::TokenFacts analyze_token_flow(Project& project, const RuleSet& rules);

}  // namespace obolint::py

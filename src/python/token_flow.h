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
// `in_app[i]`: module i is app code (in an app folder), where a dump of the request's headers
// carries the token even when the module never names the header.
facts::TokenFacts analyze_token_flow(Project& project, const RuleSet& rules,
                                     const std::vector<bool>& in_app);

}  // namespace obolint::py

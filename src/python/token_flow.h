// OBO004 / OBO005 on Python: the forwarded user token followed from the header read to its uses.
#pragma once

#include <vector>

#include "core/finding.h"
#include "core/rules.h"
#include "python/project.h"

namespace obolint::py {

void analyze_token_flow(const Project& project, const RuleSet& rules,
                        std::vector<Finding>& findings);

}  // namespace obolint::py

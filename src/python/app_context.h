// The Python side of the app context: for every module of the scan, its role (app code, test,
// script, notebook, library), the imports that need a distribution, the library objects it
// reaches, its connection calls and the parameters its functions pass on (facts/app_facts.h).
#pragma once

#include "core/rules.h"
#include "facts/app_facts.h"
#include "python/project.h"

namespace obolint::py {

// Fills apps.modules, references, connections and forwards; apps.folders (app folders of the
// scan) must be known already.
void describe_modules(const Project& project, const RuleSet& rules, unsigned jobs,
                      facts::AppFacts& apps);

}  // namespace obolint::py

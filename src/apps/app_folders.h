// The Databricks Apps of a scan: every folder holding an app manifest (app.yaml/app.yml) and
// every source folder a bundle declares, with the bundles' app declarations (facts/app_facts.h).
#pragma once

#include <vector>

#include "apps/project_files.h"
#include "core/finding.h"
#include "core/rules.h"
#include "facts/app_facts.h"

namespace obolint::apps {

// Fills apps.folders and apps.bundle_apps from the names in common.toml [apps].
void find_apps(ProjectFiles& files, const RuleSet& rules, facts::AppFacts& apps,
               std::vector<Note>& notes);

}  // namespace obolint::apps

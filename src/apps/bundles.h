// Databricks Asset Bundles: the apps a bundle declares (resources.apps.<key>, also under
// targets.<name>.resources.apps) with their source folder and user authorization scopes, read
// from each bundle root file (databricks.yml) and the files its `include:` globs match.
#pragma once

#include <string>
#include <vector>

#include "apps/project_files.h"
#include "core/finding.h"
#include "facts/app_facts.h"

namespace obolint::apps {

// `bundle_names`: the root file names (common.toml [apps] bundles). A file that is not valid
// YAML, or is refused by the bounds of yaml_doc.h, becomes a note and declares nothing.
std::vector<facts::BundleApp> read_bundles(ProjectFiles& files,
                                           const std::vector<std::string>& bundle_names,
                                           std::vector<Note>& notes);

}  // namespace obolint::apps

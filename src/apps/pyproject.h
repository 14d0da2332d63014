// The dependencies a pyproject.toml declares: [project] dependencies (PEP 621, PEP 508 strings)
// and [tool.poetry.dependencies] (name = version or table). Optional dependencies, dependency
// groups and dev dependencies are not installed by default and are left out.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "facts/dependency_facts.h"

namespace obolint::apps {

// A manifest (kind Pyproject) for `path`; a file that is not valid TOML adds a note and declares
// nothing, like one without a dependency table.
facts::DependencyManifest parse_pyproject(std::string_view text, const std::string& path,
                                          std::vector<Note>& notes);

}  // namespace obolint::apps

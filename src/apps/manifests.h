// Every dependency manifest of a scan (requirements.txt, pyproject.toml), with what installing it
// installs: its own requirements, those of the requirement files it includes (-r) and those of
// the local projects it installs (-e ., ./pkg: their pyproject.toml). Includes are followed only
// within the scanned files, at most kMaxIncludeDepth deep, each file once.
#pragma once

#include <vector>

#include "apps/project_files.h"
#include "core/finding.h"
#include "facts/dependency_facts.h"

namespace obolint::apps {

constexpr int kMaxIncludeDepth = 8;

facts::DependencyFacts read_manifests(ProjectFiles& files, std::vector<Note>& notes);

}  // namespace obolint::apps

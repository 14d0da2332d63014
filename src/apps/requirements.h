// pip requirements files (requirements.txt): one requirement per logical line (PEP 508: name,
// extras, version specifiers or a direct reference, environment markers), comments, line
// continuations, per-requirement options (--hash), and the options that point elsewhere: -r/
// --requirement (another file), -e/--editable and local paths (a project to install).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "facts/dependency_facts.h"

namespace obolint::apps {

struct RequirementsFile {
  std::vector<facts::Requirement> requirements;  // file and line set
  struct Reference {
    std::string target;  // as written, relative to the file's folder
    int line = 0;
  };
  std::vector<Reference> includes;        // -r FILE
  std::vector<Reference> local_projects;  // -e ./pkg, ., ../lib (folders to install)
};

RequirementsFile parse_requirements(std::string_view text, const std::string& path);

// One PEP 508 requirement string ("databricks-sdk[notebook]==0.38.0 ; python_version>'3.8'");
// `ok` is false when it names no distribution.
struct ParsedRequirement {
  bool ok = false;
  std::string name;  // normalized
  bool pinned = false;
  bool versioned = false;
};
ParsedRequirement parse_pep508(std::string_view text);

}  // namespace obolint::apps

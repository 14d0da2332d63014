// The C++ front end as a component: Clang and LLVM (~100 MB of shared libraries, ~0.2 s to load)
// are loaded only when a scan holds C++ files, so a Python-only scan and the pre-commit hook
// start in milliseconds. The component is obolint-cpp.so, found relative to the running binary:
//   $OBOLINT_CPP_COMPONENT            an explicit path (empty: no component, for tests)
//   <bin>/../lib/obolint/obolint-cpp.so   an installed prefix (/usr, /usr/local, a tarball)
//   <bin>/obolint-cpp.so                  the build tree
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/finding.h"
#include "core/rules.h"
#include "core/source_file.h"
#include "cpp/cpp_frontend.h"

namespace obolint {

// analyze_cpp() through the component. When it cannot be loaded (missing, a dependency missing,
// from another build, or this binary built with OBOLINT_CPP=OFF), each file gets a note saying so
// and why; the secret scan of those files (OBO003) has already run and is unaffected.
void analyze_cpp_component(const std::vector<const SourceFile*>& files, const RuleSet& rules,
                           const std::vector<const RuleDef*>& active, const SecretScanner& secrets,
                           unsigned needs, const CppOptions& options,
                           std::vector<Finding>& findings, facts::Facts& facts,
                           std::vector<Note>& notes);

// validate_matcher() through the component: the error, or nothing when the matcher parses. Loads
// the component (and LLVM); nothing is checked when it is unavailable (C++ analysis then is too).
std::optional<std::string> validate_matcher_via_component(const std::string& expression);

// Where the component was loaded from, or why not (obolint --version, diagnostics).
std::string cpp_component_status();

}  // namespace obolint

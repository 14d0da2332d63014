// The contract between the obolint binary and its C++ front-end component (obolint-cpp.so,
// built from src/cpp/ plus src/cpp_component/entry.cpp): one C symbol returning the entry points,
// whose types are analyze_cpp's and validate_matcher's own, and a stamp both sides compute from the
// same headers. C++ objects cross the boundary, so the two must come from one build: a component
// from another version or with another layout of the shared types is refused, not called.
#pragma once

#include <cstddef>

#include "core/finding.h"
#include "core/rules.h"
#include "core/source_file.h"
#include "cpp/cpp_frontend.h"

namespace obolint {

using AnalyzeCppFn = decltype(&analyze_cpp);
using ValidateMatcherFn = decltype(&validate_matcher);

// The layout of everything passed by reference, folded into one number.
constexpr std::size_t component_layout_stamp() {
  std::size_t h = 1469598103934665603ull;
  for (std::size_t v : {sizeof(Finding), sizeof(Note), sizeof(Span), sizeof(SourceFile),
                        sizeof(RuleSet), sizeof(RuleDef), sizeof(CppOptions), sizeof(facts::Facts),
                        sizeof(SecretScanner), sizeof(facts::TokenUse),
                        sizeof(std::vector<Finding>), sizeof(std::string), alignof(Finding)}) {
    h = (h ^ v) * 1099511628211ull;
  }
  return h;
}

struct CppComponent {
  const char* version;         // OBOLINT_VERSION of the component
  std::size_t layout_stamp;    // component_layout_stamp() of the component
  AnalyzeCppFn analyze;        // analyze_cpp
  ValidateMatcherFn validate;  // validate_matcher
};

}  // namespace obolint

// The one symbol the loader looks up.
extern "C" const obolint::CppComponent* obolint_cpp_component_v1();

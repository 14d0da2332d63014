// The exported entry point of obolint-cpp.so: hands the loader analyze_cpp and validate_matcher
// (engine/cpp_component.h). Compiled only into the component, so the binary never links Clang or
// LLVM.
#include "engine/cpp_component_abi.h"

extern "C" __attribute__((visibility("default"))) const obolint::CppComponent*
obolint_cpp_component_v1() {
  static const obolint::CppComponent component{OBOLINT_VERSION, obolint::component_layout_stamp(),
                                               &obolint::analyze_cpp, &obolint::validate_matcher};
  return &component;
}

// Placeholder until the Clang front end lands: weak, so the real definition replaces it.
#include "cpp/cpp_frontend.h"

namespace obolint {
__attribute__((weak)) void analyze_cpp(const std::vector<const SourceFile*>&, const RuleSet&,
                                       const CppOptions&, std::vector<Finding>&,
                                       std::vector<Note>&) {}
}  // namespace obolint

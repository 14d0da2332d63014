#include "python/token_flow.h"

namespace obolint::py {

// Not yet implemented: OBO004/OBO005 are the subject of their own issue. Reports nothing.
void analyze_token_flow(const Project&, const RuleSet&, std::vector<Finding>&) {}

}  // namespace obolint::py

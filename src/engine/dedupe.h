// Two front ends may report the same problem (the whole-text secret scan and a literal passed as
// access_token=): one finding per rule and overlapping span is kept, the first reported.
#pragma once

#include <vector>

#include "core/finding.h"

namespace obolint {

// Removes every finding whose span overlaps (or equals) the span of an earlier kept finding of
// the same rule in the same file; the order of the kept findings is unchanged. O(n log n).
void remove_overlapping_duplicates(std::vector<Finding>& findings);

}  // namespace obolint

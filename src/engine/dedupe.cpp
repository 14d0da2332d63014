#include "engine/dedupe.h"

#include <map>
#include <set>
#include <string>
#include <utility>

namespace obolint {
namespace {

using Pos = std::pair<int, int>;  // line, column

// The kept spans of one rule in one file. Kept spans never overlap one another, so ordered by
// (start, end) their ends never decrease: the kept span that starts last before a query's end
// is the only one that can reach into it.
class KeptSpans {
 public:
  bool overlaps_or_equals(Pos start, Pos end) const {
    if (spans_.count({start, end})) return true;
    auto it = spans_.lower_bound({end, Pos{-1, -1}});
    if (it == spans_.begin()) return false;
    --it;
    const auto& [k_start, k_end] = *it;
    // Same test as before: a.start < b.end && b.start < a.end (an empty span strictly inside a
    // kept one overlaps it).
    return k_start < end && start < k_end;
  }
  void add(Pos start, Pos end) { spans_.insert({start, end}); }

 private:
  std::set<std::pair<Pos, Pos>> spans_;
};

}  // namespace

void remove_overlapping_duplicates(std::vector<Finding>& findings) {
  std::map<std::pair<std::string, std::string>, KeptSpans> groups;  // (path, rule)
  std::vector<Finding> kept;
  kept.reserve(findings.size());
  for (auto& f : findings) {
    KeptSpans& g = groups[{f.path, f.rule_id}];
    Pos start{f.span.line, f.span.column}, end{f.span.end_line, f.span.end_column};
    if (g.overlaps_or_equals(start, end)) continue;
    g.add(start, end);
    kept.push_back(std::move(f));
  }
  findings = std::move(kept);
}

}  // namespace obolint

#include "engine/scan.h"

#include <algorithm>

namespace obolint {
namespace {

bool prefix_match(std::string_view id, const std::vector<std::string>& list) {
  return std::any_of(list.begin(), list.end(), [&](const std::string& p) {
    return p == "ALL" || (!p.empty() && id.rfind(p, 0) == 0);
  });
}

}  // namespace

bool rule_selected(std::string_view id, const std::vector<std::string>& select,
                   const std::vector<std::string>& ignore) {
  if (!select.empty() && !prefix_match(id, select)) return false;
  return !prefix_match(id, ignore);
}

}  // namespace obolint

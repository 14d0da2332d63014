// --statistics (as Ruff's): how many reported findings each rule has, most frequent first.
#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "report/formats.h"

namespace obolint {

void write_statistics(const ReportContext& ctx, bool json, std::ostream& out) {
  std::map<std::string, int> by_rule;
  for (const auto& f : ctx.result.findings) {
    if (ScanResult::reported(f)) ++by_rule[f.rule_id];
  }
  std::vector<std::pair<std::string, int>> rows(by_rule.begin(), by_rule.end());
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  auto severity_of = [&](const RuleDef* rule) {
    return rule ? severity_name(effective_severity(ctx, *rule)) : "";
  };
  if (json) {
    nlohmann::ordered_json arr = nlohmann::ordered_json::array();
    for (const auto& [id, n] : rows) {
      const RuleDef* rule = ctx.rules.find(id);
      arr.push_back({{"code", id},
                     {"name", rule ? rule->name : ""},
                     {"severity", severity_of(rule)},
                     {"count", n}});
    }
    out << arr.dump(2) << "\n";
    return;
  }
  std::size_t width = 1;
  for (const auto& [id, n] : rows) width = std::max(width, std::to_string(n).size());
  for (const auto& [id, n] : rows) {
    const RuleDef* rule = ctx.rules.find(id);
    std::string count = std::to_string(n);
    std::string name = rule ? rule->name : "";
    name.resize(std::max<std::size_t>(name.size(), 26), ' ');
    out << std::string(width - count.size(), ' ') << count << "  " << id << "  " << name << "  "
        << severity_of(rule) << "\n";
  }
}

}  // namespace obolint

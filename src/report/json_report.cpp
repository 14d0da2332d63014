#include <nlohmann/json.hpp>

#include "report/formats.h"

namespace obolint {

// Schema: docs/json-format.md. Bump "schema_version" on any incompatible change.
void write_json(const ReportContext& ctx, std::ostream& out) {
  using nlohmann::json;
  json findings = json::array();
  int block = 0, flag = 0;
  for (const Finding& f : ctx.result.findings) {
    if (!ScanResult::reported(f)) continue;
    (f.severity == Severity::Block ? block : flag)++;
    const RuleDef* rule = ctx.rules.find(f.rule_id);
    json j = {{"path", f.path},
              {"line", f.span.line},
              {"column", f.span.column},
              {"end_line", f.span.end_line},
              {"end_column", f.span.end_column},
              {"rule", f.rule_id},
              {"rule_name", rule ? rule->name : ""},
              {"severity", severity_name(f.severity)},
              {"message", f.message},
              {"snippet", f.snippet},
              {"fingerprint", f.fingerprint}};
    auto locations = [&](const auto& items) {
      json arr = json::array();
      for (const auto& item : items) {
        arr.push_back({{"path", item.path.empty() ? f.path : item.path},
                       {"line", item.span.line},
                       {"column", item.span.column},
                       {"message", item.message}});
      }
      return arr;
    };
    j["related"] = locations(f.related);
    j["flow"] = locations(f.flow);
    findings.push_back(std::move(j));
  }
  json notes = json::array();
  for (const auto& n : ctx.result.notes) {
    notes.push_back({{"kind", note_kind_name(n.kind)},
                     {"path", n.path},
                     {"line", n.line},
                     {"column", n.column},
                     {"message", n.message}});
  }
  json doc = {{"schema_version", 1},
              {"tool", {{"name", "obolint"}, {"version", OBOLINT_VERSION}}},
              {"findings", findings},
              {"notes", notes},
              {"summary",
               {{"files_scanned", ctx.result.stats.files_scanned},
                {"files_skipped", ctx.result.stats.files_skipped},
                {"findings", {{"BLOCK", block}, {"FLAG", flag}}},
                {"suppressed", ctx.result.stats.suppressed},
                {"baseline_hidden", ctx.result.stats.baseline_hidden},
                {"baseline_stale", ctx.result.stats.baseline_stale}}}};
  out << doc.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
}

}  // namespace obolint

// GitLab Code Quality report: a JSON array of issues, shown in merge request widgets
// (artifacts: reports: codequality). Paths are relative to the project root (the checkout).
#include <nlohmann/json.hpp>

#include "core/sha256.h"
#include "report/formats.h"

namespace obolint {

void write_gitlab(const ReportContext& ctx, std::ostream& out) {
  nlohmann::ordered_json issues = nlohmann::ordered_json::array();
  for (const Finding& f : ctx.result.findings) {
    if (!ScanResult::reported(f)) continue;
    const RuleDef* rule = ctx.rules.find(f.rule_id);
    std::string path = relative_path(ctx, f.path);
    // GitLab keys issues by fingerprint across pipelines: the line-independent fingerprint,
    // made unique per path (the engine's fingerprint already counts duplicates in a file).
    const std::string& fp = f.fingerprint;
    nlohmann::ordered_json issue;
    issue["type"] = "issue";
    issue["check_name"] = f.rule_id;
    issue["description"] = f.rule_id + (rule ? " " + rule->name : std::string()) + ": " + f.message;
    issue["categories"] = nlohmann::ordered_json::array({"Security"});
    issue["severity"] = f.severity == Severity::Block ? "critical" : "major";
    issue["fingerprint"] = sha256_hex(f.rule_id + "\n" + path + "\n" + fp).substr(0, 32);
    issue["location"]["path"] = path;
    issue["location"]["lines"]["begin"] = f.span.line;
    if (f.span.end_line >= f.span.line) issue["location"]["lines"]["end"] = f.span.end_line;
    issues.push_back(std::move(issue));
  }
  // A file name that is not UTF-8 is written with U+FFFD rather than aborting the report.
  out << issues.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
}

}  // namespace obolint

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "report/formats.h"

namespace obolint {
namespace {

using nlohmann::json;

const char* level_of(Severity s) {
  return s == Severity::Block ? "error" : "warning";
}

std::string read_doc(const RuleDef& rule) {
  std::ifstream in(rule.folder / "README.md");
  if (!in) return {};
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

json region(const Span& s) {
  return {{"startLine", s.line},
          {"startColumn", s.column},
          {"endLine", std::max(s.end_line, s.line)},
          {"endColumn", std::max(s.end_column, s.end_line > s.line ? 1 : s.column + 1)}};
}

json physical(const ReportContext& ctx, const std::string& path, const Span& span) {
  return {{"artifactLocation", {{"uri", relative_uri(ctx, path)}, {"uriBaseId", "%SRCROOT%"}}},
          {"region", region(span)}};
}

json rule_descriptor(const ReportContext& ctx, const RuleDef& rule) {
  Severity severity = effective_severity(ctx, rule);
  std::string doc = read_doc(rule);
  std::string help_text = rule.message + "\nSee: obolint explain " + rule.id;
  return {{"id", rule.id},
          {"name", rule.name},
          {"shortDescription", {{"text", rule.summary}}},
          {"fullDescription", {{"text", rule.description}}},
          {"help", {{"text", help_text}, {"markdown", doc.empty() ? help_text : doc}}},
          {"helpUri", std::string(PROJECT_DOCS_URL) + rule.id + "-" + rule.name + "/README.md"},
          {"defaultConfiguration", {{"level", level_of(severity)}}},
          {"properties",
           {{"tags", rule.tags},
            {"precision", "high"},
            {"problem.severity", severity == Severity::Block ? "error" : "warning"},
            {"security-severity", rule.security_severity}}}};
}

const char* notification_level(Note::Kind kind) {
  switch (kind) {
    case Note::Kind::Error:
      return "error";
    case Note::Kind::Skipped:
      return "warning";
    case Note::Kind::ParseError:
      return "note";
  }
  return "note";
}

// The run's invocation: whether it completed, and every file that was skipped or only partly
// analysed, so code scanning shows what was not looked at.
json invocation(const ReportContext& ctx) {
  json notes = json::array();
  bool successful = true;
  for (const auto& n : ctx.result.notes) {
    successful = successful && n.kind != Note::Kind::Error;
    json loc = {
        {"artifactLocation", {{"uri", relative_uri(ctx, n.path)}, {"uriBaseId", "%SRCROOT%"}}}};
    if (n.line > 0) {
      loc["region"] = {{"startLine", n.line}, {"startColumn", std::max(n.column, 1)}};
    }
    notes.push_back({{"level", notification_level(n.kind)},
                     {"message", {{"text", n.message}}},
                     {"descriptor", {{"id", note_kind_name(n.kind)}}},
                     {"locations", json::array({{{"physicalLocation", loc}}})}});
  }
  return {{"executionSuccessful", successful}, {"toolExecutionNotifications", notes}};
}

}  // namespace

void write_sarif(const ReportContext& ctx, std::ostream& out) {
  json rules = json::array();
  for (const auto& r : ctx.rules.all()) rules.push_back(rule_descriptor(ctx, r));
  json results = json::array();
  for (const Finding& f : ctx.result.findings) {
    if (!ScanResult::reported(f) && !ctx.keep_suppressed) continue;
    json loc = physical(ctx, f.path, f.span);
    loc["region"]["snippet"] = {{"text", f.snippet}};
    json result = {{"ruleId", f.rule_id},
                   {"ruleIndex", ctx.rules.index_of(f.rule_id)},
                   {"level", level_of(f.severity)},
                   {"message", {{"text", f.message}}},
                   {"locations", json::array({{{"physicalLocation", loc}}})},
                   {"partialFingerprints", {{"primaryLocationLineHash", f.fingerprint}}}};
    if (!f.related.empty()) {
      json related = json::array();
      int id = 1;
      for (const auto& r : f.related) {
        related.push_back(
            {{"id", id++},
             {"physicalLocation", physical(ctx, r.path.empty() ? f.path : r.path, r.span)},
             {"message", {{"text", r.message}}}});
      }
      result["relatedLocations"] = related;
    }
    if (!f.flow.empty()) {
      json steps = json::array();
      for (const auto& s : f.flow) {
        steps.push_back(
            {{"location",
              {{"physicalLocation", physical(ctx, s.path.empty() ? f.path : s.path, s.span)},
               {"message", {{"text", s.message}}}}}});
      }
      result["codeFlows"] = json::array({{{"threadFlows", json::array({{{"locations", steps}}})}}});
    }
    if (f.suppressed) {
      result["suppressions"] =
          json::array({{{"kind", "inSource"}, {"justification", f.suppression_justification}}});
    } else if (f.baselined) {
      result["suppressions"] =
          json::array({{{"kind", "external"},
                        {"justification", "listed in the baseline " + ctx.baseline_file}}});
    }
    results.push_back(std::move(result));
  }
  std::string root_uri =
      "file://" + std::filesystem::absolute(ctx.project_root).lexically_normal().generic_string();
  if (root_uri.back() != '/') root_uri.push_back('/');
  json doc = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
              {"version", "2.1.0"},
              {"runs", json::array({{{"tool",
                                      {{"driver",
                                        {{"name", "obolint"},
                                         {"version", OBOLINT_VERSION},
                                         {"semanticVersion", OBOLINT_VERSION},
                                         {"informationUri", PROJECT_HOME_URL},
                                         {"rules", rules}}}}},
                                     {"originalUriBaseIds", {{"%SRCROOT%", {{"uri", root_uri}}}}},
                                     {"columnKind", "unicodeCodePoints"},
                                     {"invocations", json::array({invocation(ctx)})},
                                     {"results", results}}})}};
  out << doc.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
}

}  // namespace obolint

#include "lsp/diagnostics.h"

#include "engine/suppress.h"
#include "lsp/positions.h"

namespace obolint::lsp {
namespace {

using nlohmann::json;

json position_json(const Position& p) {
  return {{"line", p.line}, {"character", p.character}};
}

json range_json(const Range& r) {
  return {{"start", position_json(r.start)}, {"end", position_json(r.end)}};
}

// Without the text, a code-point column is the best guess at the UTF-16 one (exact for ASCII).
Range approximate_range(const Span& s) {
  if (s.line < 1) return {};
  return {{s.line - 1, std::max(s.column - 1, 0)},
          {std::max(s.end_line, s.line) - 1, std::max(s.end_column - 1, 0)}};
}

json located_range(const Place& place, const Span& span) {
  return range_json(place.text ? range_of(*place.text, span) : approximate_range(span));
}

}  // namespace

std::string rule_doc_url(const RuleDef& rule) {
  return std::string(PROJECT_DOCS_URL) + rule.id + "-" + rule.name + "/README.md";
}

json finding_diagnostic(const Finding& f, const RuleSet& rules, const SourceFile& doc,
                        const Locate& locate) {
  json d = {{"range", range_json(range_of(doc, f.span))},
            {"severity", f.severity == Severity::Block ? kSeverityError : kSeverityWarning},
            {"code", f.rule_id},
            {"source", "obolint"},
            {"message", f.message}};
  if (const RuleDef* rule = rules.find(f.rule_id)) {
    d["codeDescription"] = {{"href", rule_doc_url(*rule)}};
  }
  if (f.rule_id == kUnusedSuppressionRule) d["tags"] = json::array({1});  // Unnecessary
  if (!f.related.empty()) {
    json related = json::array();
    for (const auto& r : f.related) {
      Place place = locate(r.path.empty() ? f.path : r.path);
      related.push_back(
          {{"location", {{"uri", place.uri}, {"range", located_range(place, r.span)}}},
           {"message", r.message}});
    }
    d["relatedInformation"] = std::move(related);
  }
  return d;
}

json document_diagnostics(const std::vector<Finding>& findings, const std::vector<Note>& notes,
                          const RuleSet& rules, const SourceFile& doc, const Locate& locate) {
  json out = json::array();
  for (const auto& f : findings) {
    if (!f.suppressed) out.push_back(finding_diagnostic(f, rules, doc, locate));
  }
  for (const auto& n : notes) {
    if (n.kind == Note::Kind::ParseError) continue;
    Span at{n.line, n.column, n.line, n.column};
    out.push_back({{"range", range_json(range_of(doc, at))},
                   {"severity", kSeverityInformation},
                   {"source", "obolint"},
                   {"message", std::string("obolint: ") + n.message}});
  }
  return out;
}

}  // namespace obolint::lsp

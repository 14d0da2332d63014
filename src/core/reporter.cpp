#include "core/reporter.h"

#include "core/redact.h"

namespace obolint {
namespace {

std::string compose(std::string_view detail, const RuleDef& rule) {
  if (detail.empty()) return rule.message;
  return std::string(detail) + ": " + rule.message;
}

}  // namespace

Finding& Reporter::add(const RuleDef& rule, const Location& at, std::string_view detail,
                       std::string_view construct) {
  Finding f;
  f.rule_id = rule.id;
  f.severity = rule.severity;
  f.path = at.path;
  f.span = at.span;
  f.message = compose(detail, rule);
  f.fingerprint_text = std::string(construct);
  out_.push_back(std::move(f));
  return out_.back();
}

Finding& Reporter::add_secret(const RuleDef& rule, const Location& at, std::string_view what,
                              std::string_view secret) {
  Finding& f = add(rule, at, std::string(what) + " " + redact_secret(secret), {});
  f.fingerprint_text = "secret:" + std::string(secret);
  f.span_is_secret = true;
  return f;
}

void attach_trace(Finding& f, const Trace& trace, FlowStep last) {
  f.related.push_back({trace.source.path, trace.source.span, trace.source.message});
  f.flow.push_back(trace.source);
  for (const auto& st : trace.steps) f.flow.push_back(st);
  f.flow.push_back(std::move(last));
}

std::string where(const FlowStep& step, const std::string& path) {
  std::string at = std::to_string(step.span.line) + ":" + std::to_string(step.span.column);
  return step.path == path ? "line " + at : step.path + ":" + at;
}

}  // namespace obolint

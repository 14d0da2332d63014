#include "engine/analyze.h"

#include "checks/check.h"
#include "cpp/cpp_frontend.h"
#include "engine/scan.h"
#include "python/python_frontend.h"
#include "text/secret_scanner.h"

namespace obolint {
namespace {

// The selected rules that are decided by a check, with their checks.
std::vector<std::pair<const RuleDef*, const CheckEntry*>> active_checks(
    const RuleSet& rules, const ScanOptions& options) {
  std::vector<std::pair<const RuleDef*, const CheckEntry*>> out;
  for (const auto& rule : rules.all()) {
    if (rule.check.empty() || !rule_selected(rule.id, options.select, options.ignore)) continue;
    const CheckEntry* check = find_check(rule.check);
    if (!check) throw RuleError(rule.source.string() + ": unknown check '" + rule.check + "'");
    out.emplace_back(&rule, check);
  }
  return out;
}

}  // namespace

Analysis analyze(const std::vector<std::unique_ptr<SourceFile>>& sources, const RuleSet& rules,
                 const ScanOptions& options) {
  Analysis out;
  auto checks = active_checks(rules, options);
  unsigned needs = facts::kNeedNothing;
  for (const auto& [rule, check] : checks) needs |= check->needs;
  SecretScanner secrets(rules);
  std::vector<const SourceFile*> python, cpp;
  for (const auto& s : sources) {
    secrets.scan(*s, out.findings);
    auto v = make_virtual_source(*s, out.notes);
    ++out.files_by_language[v ? "notebook" : language_name(s->language())];
    if (v) {  // notebooks: analysed as Python
      python.push_back(&v->python());
      out.virtuals.push_back(std::move(v));
      continue;
    }
    if (s->language() == Language::Python) python.push_back(s.get());
    if (s->language() == Language::Cpp) cpp.push_back(s.get());
  }
  std::size_t analysed_from = out.findings.size(), notes_from = out.notes.size();
  facts::Facts found;
  if (!python.empty())
    analyze_python(python, rules, secrets, needs, out.findings, found, out.notes);
  if (!cpp.empty()) analyze_cpp(cpp, rules, options.cpp, out.findings, out.notes);
  Reporter reporter(out.findings);
  for (const auto& [rule, check] : checks) check->run({*rule, found, reporter});
  map_virtual_positions(out.virtuals, out.findings, analysed_from, out.notes, notes_from);
  return out;
}

}  // namespace obolint

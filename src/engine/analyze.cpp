#include "engine/analyze.h"

#include "cpp/cpp_frontend.h"
#include "engine/scan.h"
#include "python/python_frontend.h"
#include "text/secret_scanner.h"

namespace obolint {

Analysis analyze(const std::vector<std::unique_ptr<SourceFile>>& sources, const RuleSet& rules,
                 const ScanOptions& options) {
  Analysis out;
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
  if (!python.empty()) analyze_python(python, rules, secrets, out.findings, out.notes);
  if (!cpp.empty()) analyze_cpp(cpp, rules, options.cpp, out.findings, out.notes);
  map_virtual_positions(out.virtuals, out.findings, analysed_from, out.notes, notes_from);
  return out;
}

}  // namespace obolint

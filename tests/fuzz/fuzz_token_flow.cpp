// The token flow (OBO004, OBO005, OBO007, OBO008) on mutated real Python: the input is split at
// "\n#---\n" into up to three modules of one package (an app, a helper module it may import, a
// third), every one parsed whatever the prefilter would say, then the checks over the facts.
#include "checks/check.h"
#include "core/reporter.h"
#include "facts/facts.h"
#include "fuzz_support.h"
#include "python/python_frontend.h"

using namespace obolint;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const char* kNames[] = {"pkg/app.py", "pkg/auth.py", "pkg/helpers.py"};
  auto parts = fuzz::split(fuzz::as_text(data, size), "\n#---\n", 3);
  std::vector<std::unique_ptr<SourceFile>> files;
  std::vector<py::PythonInput> inputs;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    files.push_back(std::make_unique<SourceFile>(kNames[i], std::move(parts[i]), Language::Python));
    py::PythonInput in;
    in.path = kNames[i];
    in.file = files.back().get();
    inputs.push_back(std::move(in));
  }
  std::vector<const RuleDef*> active;
  for (const auto& r : fuzz::rules().all()) active.push_back(&r);
  std::vector<Finding> findings;
  std::vector<Note> notes;
  facts::Facts facts;
  analyze_python(std::move(inputs), fuzz::rules(), active, fuzz::secrets(),
                 facts::kNeedTokenFlow | facts::kNeedAppContext, 1, findings, facts, notes);
  Reporter reporter(findings);
  for (const RuleDef* rule : active) {
    const CheckEntry* check = rule->check.empty() ? nullptr : find_check(rule->check);
    if (check && (check->needs & ~(facts::kNeedTokenFlow | facts::kNeedAppContext)) == 0) {
      check->run({*rule, facts, reporter});
    }
  }
  return 0;
}

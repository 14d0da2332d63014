// The Python front end with every rule, through the engine's analyze() on in-memory files: the
// input is an app's main module (beside a fixed app.yaml and requirements.txt, so the app checks
// run too), then the rest of the pipeline (suppressions, snippets, redaction).
#include "fuzz_support.h"

using namespace obolint;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ScanOptions options;
  options.jobs = 1;
  options.report_unused_suppressions = true;
  std::vector<InputFile> inputs;
  fuzz::add_in_memory(inputs, "app/app.py", std::string(fuzz::as_text(data, size)));
  fuzz::add_in_memory(inputs, "app/app.yaml", "command: [python, app.py]\n");
  fuzz::add_in_memory(inputs, "app/requirements.txt", "flask\n");
  Analysis analysis = analyze(std::move(inputs), fuzz::rules(), options);
  fuzz::finish_and_check(analysis, options);
  return 0;
}

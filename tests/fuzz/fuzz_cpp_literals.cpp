// The C++ literal and connection-string analysis without a Clang parse: Clang's raw lexer finds the
// string chains of the input (adjacent literals, `+` operands, StrCat/format arguments, raw and
// prefixed literals), and every [[cpp.literal]] rule runs on each chain. The AST-based parts need a
// Clang parse per input (tens of milliseconds and Clang's own crashes): not fuzzed here.
#include "cpp/cpp_rules.h"
#include "cpp/lexical.h"
#include "fuzz_support.h"

using namespace obolint;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const cpp::CppRules rules = [] {
    std::vector<const RuleDef*> active;
    for (const auto& r : fuzz::rules().all()) active.push_back(&r);
    return cpp::CppRules::load(fuzz::rules(), active);
  }();
  SourceFile file("a.cpp", std::string(fuzz::as_text(data, size)), Language::Cpp);
  cpp::LiteralEvaluator literals(rules, fuzz::secrets(), file);
  std::vector<Finding> findings;
  for (const auto& chain : cpp::lexical_chains(file.content(), rules)) {
    if (chain.src_begin.size() != chain.text.size() || chain.src_end.size() != chain.text.size())
      std::abort();
    literals.evaluate(chain, findings);
  }
  for (const auto& f : findings) {
    if (f.span.line < 1 || f.span.line > file.line_count() + 1) std::abort();
  }
  return 0;
}

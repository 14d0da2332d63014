// Glob and .gitignore matching: the input is "pattern\0path" (glob_match) and also a .gitignore
// text whose last line is the path matched against it; every call must end in linear-ish time
// (libFuzzer's -timeout catches an exponential match).
#include "discover/gitignore.h"
#include "discover/glob.h"
#include "fuzz_support.h"

using namespace obolint;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = fuzz::as_text(data, size);
  auto nul = text.find('\0');
  std::string_view pattern = text.substr(0, nul);
  std::string_view path = nul == std::string_view::npos ? text : text.substr(nul + 1);
  (void)glob_match(pattern, path);
  auto newline = pattern.rfind('\n');
  std::string_view rules_text = pattern.substr(0, newline == std::string_view::npos ? 0 : newline);
  std::string_view rel = newline == std::string_view::npos ? pattern : pattern.substr(newline + 1);
  GitignoreRules rules(size % 2 ? "sub/dir" : "", rules_text);
  std::string rel_path = (size % 2 ? "sub/dir/" : "") + std::string(rel);
  (void)rules.match(rel_path, false);
  (void)rules.match(rel_path, true);
  return 0;
}

// Inline expectations of fixture files, in the spirit of Semgrep's `# ruleid:` and clang-tidy's
// CHECK-MESSAGES, written in a comment at the end of the line they are about:
//   # expect: OBO004                  a finding of OBO004 on this line
//   # expect: OBO004@12 "not checked" ... at column 12, its message containing the text
//   # expect: OBO001, OBO003          several findings on this line
//   # ok: OBO004                      a look-alike: no OBO004 finding here
//   # todo-expect: OBO004             a known gap: listed, not failed; fails once it is found
// `//` works the same in C++.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace obolint::test {

struct Expectation {
  std::string rule;
  std::optional<int> column;
  std::string message;  // substring; empty: any
};

struct LineAnnotations {
  std::string path;  // relative to the fixture root
  int line = 0;
  std::vector<Expectation> expect;
  std::vector<std::string> ok;
  std::vector<std::string> todo;
};

// The annotations of one line, or nothing when it has none. Throws std::runtime_error for an
// annotation that does not parse (a typo must not silently test nothing).
std::optional<LineAnnotations> parse_annotations(std::string_view text);

// Every annotated line of the files under `root`, skipping the folders in `skip`.
std::vector<LineAnnotations> annotations_under(const std::filesystem::path& root,
                                               const std::vector<std::filesystem::path>& skip);

}  // namespace obolint::test

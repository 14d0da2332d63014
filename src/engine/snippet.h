// The source line each report shows under a finding: every secret on it redacted, and a long line
// (minified code, a generated one-liner) cut to a window around the finding, so N findings on a
// 5 MB line cost N small snippets, not N copies of the line.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/finding.h"
#include "core/source_file.h"
#include "text/secret_scanner.h"

namespace obolint {

// Code points of context kept before a finding's start; after it, twice as many.
inline constexpr std::size_t kSnippetContext = 120;

// Sets snippet and snippet_column of every finding. `findings` must be sorted (finding_less);
// secrets are the spans of findings marked span_is_secret plus whatever `secrets` finds.
void attach_snippets(std::vector<Finding>& findings,
                     const std::map<std::string, std::unique_ptr<SourceFile>, std::less<>>& files,
                     const SecretScanner& secrets);

// One line's snippet: `line` with the byte ranges in `secret_ranges` (sorted, disjoint) and every
// secret `secrets` finds near the window redacted, cut around byte offset `at`. Sets `column` to
// the 1-based code-point column of `at` in the result.
std::string make_snippet(std::string_view line, std::size_t at,
                         const std::vector<std::pair<std::size_t, std::size_t>>& secret_ranges,
                         const SecretScanner& secrets, int& column);

}  // namespace obolint

// Inline suppressions, the stage after analysis:
//   Python (and text files):  # noqa: OBO004, OBO001      # obolint: ignore[OBO004] reason
//   C++:                      // NOLINT(OBO004)   // NOLINTNEXTLINE(OBO004)   /* NOLINT(OBO004) */
//                             // obolint: ignore[OBO004] reason
// A directive hides findings that START on its line (NOLINTNEXTLINE: on the next line). A bare
// directive (`# noqa`, `// NOLINT`, `# obolint: ignore`) hides FLAG findings only, never BLOCK.
// A directive that names only other tools' codes (`# noqa: E501`, `// NOLINT(bugprone-*)`) is
// not ours and is ignored.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/finding.h"
#include "core/rules.h"
#include "core/source_file.h"
#include "engine/scan.h"
#include "python/notebook.h"

namespace obolint {

// The pseudo rule reporting suppressions that hide nothing (--report-unused-suppressions).
inline constexpr const char* kUnusedSuppressionRule = "OBO900";

struct Suppression {
  Span span;                     // the directive text in the file
  int target_line = 0;           // findings starting on this line are hidden
  std::vector<std::string> ids;  // upper-case rule ids; empty: bare directive (FLAG only)
  std::vector<bool> used;        // per id (one entry for a bare directive)
  std::string text;              // as written: "# noqa: OBO004", "// NOLINT(OBO004)"
  std::string justification;     // the reason given, else "noqa" / "NOLINT" / "obolint: ignore"
};

// The suppression directives in a file, by its language. Text files whose `#` starts a comment
// (.env, YAML, TOML, INI, shell, ...) follow the Python conventions; prose (Markdown) has none.
std::vector<Suppression> collect_suppressions(const SourceFile& file);

// Byte ranges [begin, end) of the comments of a Python (or `#`-commented text) file, strings
// skipped; and of a C++ file (`//` and `/* */`, string, character and raw string literals
// skipped).
std::vector<std::pair<std::size_t, std::size_t>> python_comments(std::string_view s);
std::vector<std::pair<std::size_t, std::size_t>> cpp_comments(std::string_view s);

// True when a per-path ignore (globs relative to their config file's directory) drops `f`.
bool path_ignored(const Finding& f, const std::vector<PathIgnore>& ignores);

// Inline suppressions over findings whose severity overrides are already applied (a bare
// directive hides FLAG findings only, so the configured severity decides): marks findings
// `suppressed` with their justification and, when options.report_unused_suppressions is set,
// appends one OBO900 finding per directive (or per unused id of it) that hid nothing. Ids of rules
// that are not enabled for the file (--select/--ignore, per-path ignores) are not reported as
// unused; unknown OBO ids are. Virtual sources (notebooks) are read for their directives instead of
// their original files.
void apply_suppressions(std::vector<Finding>& findings,
                        const std::vector<std::unique_ptr<SourceFile>>& sources,
                        const std::vector<std::unique_ptr<VirtualSource>>& virtuals,
                        const RuleSet& rules, const ScanOptions& options);

}  // namespace obolint

// What every report format needs: the finished scan (findings already carry their fingerprint,
// redacted snippet and suppression state; every text is redacted by the engine) and the rules.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "core/rules.h"
#include "engine/scan.h"

namespace obolint {

struct ReportContext {
  const ScanResult& result;
  const RuleSet& rules;
  std::filesystem::path project_root;  // SARIF, GitHub and GitLab paths are relative to it
  bool color = false;
  bool quiet = false;  // text: one line per finding, nothing else
  // SARIF: keep suppressed and baselined results, marked with `suppressions` (for tools that
  // dismiss such alerts, e.g. advanced-security/dismiss-alerts). Default: left out, since GitHub
  // code scanning ignores `suppressions` and would open an alert for each.
  bool keep_suppressed = false;
  std::string baseline_file;  // named in the justification of baselined results
  // relative_path's answers (one filesystem lookup per file, not per finding).
  mutable std::map<std::string, std::string, std::less<>> relative_cache;
};

// The path relative to the project root, '/'-separated. Folders are compared canonically (a
// symlinked temporary folder is still inside the root); the file itself is named as found, never
// by what a symbolic link points to.
std::string relative_path(const ReportContext& ctx, const std::string& path);
// The path as a '/'-separated URI relative to the project root (percent-encoded where needed).
std::string relative_uri(const ReportContext& ctx, const std::string& path);
// The byte offset in `line` of a 1-based code point column.
std::size_t byte_offset_of_column(std::string_view line, int column);

// Text that is safe to print on a terminal: control characters (ESC, BEL, CR, ... and the C1
// range), bidirectional overrides and invalid UTF-8 bytes become visible escapes (\x1b, \u202e),
// so a file name or a line of source cannot move the cursor, recolour or hide output. Tabs are
// kept when `keep_tabs`.
std::string terminal_safe(std::string_view text, bool keep_tabs = false);

// The rule's severity after the configuration's overrides.
Severity effective_severity(const ReportContext& ctx, const RuleDef& rule);

}  // namespace obolint

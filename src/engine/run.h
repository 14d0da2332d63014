// The one entry point of a scan, whatever asked for it (`obolint scan`, `scan --staged`, the
// pre-commit hook, `obolint baseline`):
//
//   sources (discovered files, or the index) -> analyze() -> select/ignore and per-path ignores
//   -> de-duplication -> severity overrides -> inline suppressions -> fingerprints -> baseline
//   -> --diff-base -> order -> snippets -> redaction of every text that leaves the process
//
// The CLI only turns arguments into a ScanRequest and picks the reports.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/rules.h"
#include "engine/scan.h"

namespace obolint::engine {

struct ScanRequest {
  std::vector<std::string> paths;  // files and directories; empty: "."; with `staged`: pathspecs
  bool staged = false;             // the index content of staged files instead of the work tree
  ScanOptions options;
  std::filesystem::path baseline;         // mark the findings this baseline lists (empty: none)
  std::filesystem::path record_baseline;  // fill ScanResult::recorded_baseline, paths relative
                                          // to this file's folder (empty: no)
  std::string diff_base;                  // keep findings on lines changed since merge-base(REV)
  // Files given by their text (the language server's unsaved buffers, blobs of the history),
  // by display path. A path listed here is never read from disk; when every path is listed (or
  // `paths` is empty), nothing is discovered.
  std::map<std::string, std::string, std::less<>> texts;
  // `scan --history`: the blobs this revision range added (empty string: HEAD), for the secret
  // rules, instead of the tree (engine/history.h).
  std::optional<std::string> history;
};

// Runs the whole pipeline. Throws PathError (an argument that does not exist), RuleError,
// BaselineError and WorkflowError (git, --diff-base): all usage or setup errors, exit status 2.
ScanResult run(const ScanRequest& request, const RuleSet& rules);

// The files a scan would read, by display path, without reading them (--show-files).
std::vector<std::string> list_files(const ScanRequest& request);

}  // namespace obolint::engine

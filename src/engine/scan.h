// The pipeline's types: what a scan is asked to do (ScanOptions) and what it produced
// (ScanResult). The entry point is engine/run.h; nothing here prints.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/finding.h"
#include "core/rules.h"
#include "core/source_file.h"
#include "cpp/cpp_frontend.h"
#include "discover/discover.h"
#include "engine/analyze.h"
// read_source and make_source, used by the analysis to read each file (engine/sources.h).
#include "engine/sources.h"

namespace obolint {

// A per-path ignore from the configuration: findings of `rules` (ids or prefixes) in files
// matching `glob`, relative to `base` (the config file's directory), are dropped.
struct PathIgnore {
  std::string glob;
  std::filesystem::path base;
  std::vector<std::string> rules;
};

struct ScanOptions {
  DiscoverOptions discover;
  std::vector<std::string> select;  // rule ids or prefixes; empty: all
  std::vector<std::string> ignore;  // rule ids or prefixes
  std::uintmax_t max_file_size = 10 * 1024 * 1024;
  CppOptions cpp;
  // Configuration (engine/config.h) and inline suppressions (engine/suppress.h).
  std::vector<PathIgnore> per_path_ignores;
  std::map<std::string, Severity> severity_overrides;
  bool report_unused_suppressions = false;  // OBO900 findings for directives that hide nothing
  // Worker threads for every front end (-j/--jobs); 0: one per hardware thread.
  unsigned jobs = 0;
};

// One line of a baseline file (engine/baseline.h).
struct BaselineEntry {
  std::string rule;
  std::string path;
  std::string fingerprint;
  friend auto operator<=>(const BaselineEntry&, const BaselineEntry&) = default;
};

struct Baseline {
  std::vector<BaselineEntry> entries;  // sorted, unique
};

struct ScanStats {
  int files_scanned = 0;
  int files_skipped = 0;  // binary, too large, unreadable, not a regular file
  std::map<std::string, int> by_language;
  int suppressed = 0;       // findings hidden by inline suppressions
  int baseline_hidden = 0;  // findings hidden by the baseline
  int baseline_stale = 0;   // baseline entries that matched nothing
  int outside_diff = 0;     // findings dropped by --diff-base (not on a changed line)
};

struct ScanResult {
  // Sorted: path, line, column, rule. Suppressed and baselined findings are kept, marked.
  std::vector<Finding> findings;
  std::vector<Note> notes;  // sorted by path and position
  ScanStats stats;
  // The severity of each rule after the configuration's overrides (SARIF rule descriptors).
  std::map<std::string, Severity, std::less<>> rule_severity;
  // The texts of the files with findings (and with suppression directives when unused ones are
  // reported), by display path: for snippets and fingerprints. Other texts are not kept.
  std::map<std::string, std::unique_ptr<SourceFile>, std::less<>> files;
  // Display paths of every file the scan considered (read, or skipped with a note): a baseline
  // entry for one of them that matches nothing is stale.
  std::vector<std::string> considered;
  // `obolint baseline`: the entries to record (ScanRequest::record_baseline).
  Baseline recorded_baseline;

  // True when `f` is shown: neither suppressed inline nor listed in the baseline.
  static bool reported(const Finding& f) { return !f.suppressed && !f.baselined; }
};

// True when rule `id` is selected by --select/--ignore (ids or prefixes such as "OBO00").
bool rule_selected(std::string_view id, const std::vector<std::string>& select,
                   const std::vector<std::string>& ignore);

}  // namespace obolint

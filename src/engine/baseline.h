// Baselines for adopting obolint in an existing repository: `obolint baseline` records today's
// findings; `obolint scan --baseline FILE` hides them and reports only new ones.
//
// File format (.obolint-baseline.json), entries sorted:
//   {"version": 1, "tool": "obolint 0.1.0",
//    "entries": [{"rule": "OBO003", "path": "src/app.py", "fingerprint": "9f2c...:1"}]}
// Paths are relative to the directory holding the baseline file, so the file works whatever
// directory obolint runs from. Fingerprints are line-independent hashes (engine/fingerprint.h):
// they survive moved lines, and a secret is only ever hashed, never stored.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/scan.h"
#include "text/secret_scanner.h"

namespace obolint {

class BaselineError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct BaselineOutcome {
  int hidden = 0;  // findings the baseline hid
  int stale = 0;   // entries for scanned (or deleted) files that matched no finding
};

// One entry per finding not suppressed inline; paths relative to `base_dir` (a path that holds a
// secret is stored redacted, the same way when it is read back).
Baseline make_baseline(const ScanResult& result, const std::filesystem::path& base_dir,
                       const SecretScanner& secrets);

// The file's text: JSON, entries sorted, a final newline.
std::string baseline_text(const Baseline& baseline);

// Throws BaselineError when the file is missing, unreadable or not a version-1 baseline.
Baseline load_baseline(const std::filesystem::path& file);

// Marks the findings the baseline lists (Finding::baselined). An entry is stale when it matches
// nothing and its file was scanned or no longer exists: entries for files outside this scan (a
// narrower path argument, a hook's staged subset) are not judged.
BaselineOutcome apply_baseline(const Baseline& baseline, ScanResult& result,
                               const std::filesystem::path& base_dir, const SecretScanner& secrets);

}  // namespace obolint

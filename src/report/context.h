// What every report format needs: the scan result, the rules, and safe (redacted) source text.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/rules.h"
#include "engine/scan.h"
#include "text/secret_scanner.h"

namespace obolint {

class Redactor {
 public:
  Redactor(const ScanResult& result, const SecretScanner& scanner);
  // Line `line` of `path` with every known secret replaced by its redacted form.
  std::string line(std::string_view path, int line) const;

 private:
  const ScanResult& result_;
  const SecretScanner& scanner_;
  std::map<std::string, std::vector<Span>, std::less<>> secret_spans_;
};

struct ReportContext {
  const ScanResult& result;
  const RuleSet& rules;
  const Redactor& redactor;
  std::filesystem::path project_root;  // SARIF URIs are relative to it
  bool color = false;
  bool quiet = false;
  std::vector<std::string> fingerprints;  // one per finding
  int suppressed_count = 0;               // hidden by inline suppressions
  int baseline_hidden = 0;                // hidden by the baseline
  int baseline_stale = 0;                 // baseline entries that matched nothing
};

// The path relative to the project root, '/'-separated.
std::string relative_path(const std::string& path, const std::filesystem::path& project_root);
// The path as a '/'-separated URI relative to the project root (percent-encoded where needed).
std::string relative_uri(const std::string& path, const std::filesystem::path& project_root);
// The byte offset in `line` of a 1-based code point column.
std::size_t byte_offset_of_column(std::string_view line, int column);

}  // namespace obolint

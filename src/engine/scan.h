// The pipeline: discover -> read and classify -> parse once per file -> every rule -> filter ->
// sort. Reports consume ScanResult; nothing here prints.
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

struct ScanStats {
  int files_scanned = 0;
  int files_skipped = 0;  // binary, too large, unreadable
  std::map<std::string, int> by_language;
};

struct ScanResult {
  std::vector<Finding> findings;  // sorted: path, line, column, rule
  std::vector<Note> notes;
  ScanStats stats;
  // The texts of the files with findings (and with suppression directives when unused ones are
  // reported), by display path: for snippets and fingerprints. Other texts are not kept.
  std::map<std::string, std::unique_ptr<SourceFile>, std::less<>> files;
};

// Throws PathError for an argument that does not exist, RuleError for broken rule data.
ScanResult scan(const std::vector<std::string>& paths, const RuleSet& rules,
                const ScanOptions& options);

// Analyses discovered files (read by the analysis, once each, on every core).
ScanResult scan_inputs(std::vector<InputFile> inputs, const RuleSet& rules,
                       const ScanOptions& options, std::vector<Note> notes, int skipped);

// Analyses files already in memory (the pre-commit hook scans staged content this way).
ScanResult scan_sources(std::vector<std::unique_ptr<SourceFile>> sources, const RuleSet& rules,
                        const ScanOptions& options, std::vector<Note> notes = {}, int skipped = 0);

// Reads one file into a SourceFile, or explains why it is skipped (binary, too large, unreadable).
std::unique_ptr<SourceFile> read_source(const std::string& display_path,
                                        const std::filesystem::path& fs_path,
                                        std::uintmax_t max_size, std::vector<Note>& notes);

// Classifies bytes already read (binary check, UTF-8 check, language). Null when skipped.
std::unique_ptr<SourceFile> make_source(const std::string& display_path, std::string content,
                                        std::vector<Note>& notes);

// True when rule `id` is selected by --select/--ignore (ids or prefixes such as "OBO00").
bool rule_selected(std::string_view id, const std::vector<std::string>& select,
                   const std::vector<std::string>& ignore);

}  // namespace obolint

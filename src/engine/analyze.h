// The analysis stage of the pipeline: every selected rule over the discovered files. It reads
// each file once, on every core, scans its text for secrets, and keeps the text only of the
// files that can matter (the prefilter), so memory grows with those, not with the tree. The
// pipeline around it (discovery, filters, suppressions, baseline, order) lives in engine/scan.cpp.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/finding.h"
#include "core/rules.h"
#include "core/source_file.h"
#include "python/notebook.h"

namespace obolint {

struct ScanOptions;

struct InputFile {
  std::string path;                    // display path
  std::string fs_path;                 // native path, read from here when `source` is null
  std::unique_ptr<SourceFile> source;  // already in memory (the staged content of a commit)
};

struct Analysis {
  std::vector<Finding> findings;  // unordered, unfiltered, positions in the scanned files
  std::vector<Note> notes;
  // The texts the pipeline still needs: files with findings, and files with suppression
  // directives when unused ones are reported. Every other text is gone by now.
  std::vector<std::unique_ptr<SourceFile>> kept;
  // Notebooks among `kept`, analysed as Python: suppressions read their comments through these.
  std::vector<std::unique_ptr<VirtualSource>> virtuals;
  int files_scanned = 0;
  int files_skipped = 0;  // binary, too large, unreadable (each with a note)
  int files_parsed = 0;   // Python and C++ files the prefilter kept
  std::map<std::string, int> files_by_language;
};

// Runs every front end over `inputs`. Never throws for bad input (it becomes a note); throws
// RuleError for a rule that names an unknown check.
Analysis analyze(std::vector<InputFile> inputs, const RuleSet& rules, const ScanOptions& options);

// The selected rules (--select/--ignore).
std::vector<const RuleDef*> active_rules(const RuleSet& rules, const ScanOptions& options);

}  // namespace obolint

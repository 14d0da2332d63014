// The analysis stage of the pipeline: every selected rule over files already read and classified.
// The pipeline around it (discovery, reading, filters, suppressions, baseline, order) lives in
// engine/scan.cpp; this stage only turns sources into findings and notes.
#pragma once

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

struct Analysis {
  std::vector<Finding> findings;  // unordered, unfiltered, positions in the scanned files
  std::vector<Note> notes;
  // Notebooks analysed as Python: suppressions read their comments through these.
  std::vector<std::unique_ptr<VirtualSource>> virtuals;
  std::map<std::string, int> files_by_language;
};

// Runs every front end over `sources`. Never throws for bad input (it becomes a note).
Analysis analyze(const std::vector<std::unique_ptr<SourceFile>>& sources, const RuleSet& rules,
                 const ScanOptions& options);

}  // namespace obolint

// Line-independent fingerprints: the same finding keeps its fingerprint when lines above it
// move, so SARIF alerts and baseline entries survive unrelated edits.
#pragma once

#include <string>
#include <vector>

#include "core/finding.h"
#include "core/source_file.h"

namespace obolint {

// One fingerprint per finding, same order: sha256(rule, path, fingerprint text or normalized
// source line) truncated, plus ":N" counting earlier findings with the same hash in the file.
std::vector<std::string> fingerprints(const std::vector<Finding>& findings,
                                      const std::vector<const SourceFile*>& files_by_finding);

}  // namespace obolint

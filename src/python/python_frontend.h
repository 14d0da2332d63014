// Python front end (tree-sitter): parses each file once and runs every Python rule on it.
#pragma once

#include <vector>

#include "core/finding.h"
#include "core/rules.h"
#include "core/source_file.h"
#include "text/secret_scanner.h"

namespace obolint {

// Findings for the Python files of one scan. Whole-project analyses (cross-module helpers) see
// every file before any is reported. Syntax errors become notes; nothing here throws for bad input.
void analyze_python(const std::vector<const SourceFile*>& files, const RuleSet& rules,
                    const SecretScanner& secrets, std::vector<Finding>& findings,
                    std::vector<Note>& notes);

}  // namespace obolint

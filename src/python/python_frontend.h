// Python front end (tree-sitter): parses each file once and runs every Python rule on it.
#pragma once

#include <vector>

#include "core/finding.h"
#include "core/rules.h"
#include "core/source_file.h"
#include "facts/facts.h"
#include "text/secret_scanner.h"

namespace obolint {

// The Python files of one scan: findings of the pattern rules, and the facts the checks need
// (`needs`: facts::Need bits). Whole-project analyses (cross-module helpers) see every file before
// any fact is recorded. Syntax errors become notes; nothing here throws for bad input.
void analyze_python(const std::vector<const SourceFile*>& files, const RuleSet& rules,
                    const SecretScanner& secrets, unsigned needs, std::vector<Finding>& findings,
                    facts::Facts& facts, std::vector<Note>& notes);

}  // namespace obolint

// Python front end (tree-sitter): the Python files of one scan, each parsed at most once and only
// when it can matter, every Python rule on the trees.
#pragma once

#include <vector>

#include "core/finding.h"
#include "core/rules.h"
#include "facts/facts.h"
#include "python/project.h"
#include "text/secret_scanner.h"

namespace obolint {

// Runs the pattern rules of `active` on the files the prefilter kept (`inputs` with a file), and
// the token flow when `needs` asks for it (parsing unkept files on demand: helpers they define,
// or because they import a module that gives the token). Syntax errors of parsed files become
// notes; nothing here throws for bad input.
void analyze_python(std::vector<py::PythonInput> inputs, const RuleSet& rules,
                    const std::vector<const RuleDef*>& active, const SecretScanner& secrets,
                    unsigned needs, unsigned jobs, std::vector<Finding>& findings,
                    facts::Facts& facts, std::vector<Note>& notes);

}  // namespace obolint

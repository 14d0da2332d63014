// obolint's findings and notes as LSP diagnostics: ranges in UTF-16 units, severity (BLOCK ->
// Error, FLAG -> Warning), the rule id as `code` with its documentation page, and the header read
// of a token-flow finding as related information.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/finding.h"
#include "core/rules.h"
#include "core/source_file.h"

namespace obolint::lsp {

// Where a display path is for the editor: its URI, and its text when known (ranges need the
// line's text; without it code-point columns are used as they are).
struct Place {
  std::string uri;
  const SourceFile* text = nullptr;
};
using Locate = std::function<Place(const std::string& display)>;

inline constexpr int kSeverityError = 1;
inline constexpr int kSeverityWarning = 2;
inline constexpr int kSeverityInformation = 3;

// The rule's page, as SARIF's helpUri names it.
std::string rule_doc_url(const RuleDef& rule);

// One finding of the document `doc`. Unused-suppression findings are tagged Unnecessary.
nlohmann::json finding_diagnostic(const Finding& f, const RuleSet& rules, const SourceFile& doc,
                                  const Locate& locate);

// The diagnostics of one document: its findings that are not suppressed, and the notes that say
// it was not (fully) analysed (skipped, too large, failed) as information at their position.
// Syntax errors are left to the editor's own Python or C++ tooling.
nlohmann::json document_diagnostics(const std::vector<Finding>& findings,
                                    const std::vector<Note>& notes, const RuleSet& rules,
                                    const SourceFile& doc, const Locate& locate);

}  // namespace obolint::lsp

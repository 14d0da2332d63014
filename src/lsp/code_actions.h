// textDocument/codeAction: for each finding under the cursor, a suppression comment with a reason
// to fill in, and for OBO004 in Python a presence check after the header read, offered only when
// analysing the edited text shows that it removes the finding and adds nothing.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/finding.h"
#include "core/rules.h"
#include "core/source_file.h"
#include "lsp/diagnostics.h"
#include "lsp/positions.h"

namespace obolint::lsp {

// The findings and notes of the document when its text is `text` (null: it cannot be analysed).
struct Reanalysis {
  std::vector<Finding> findings;
  std::vector<Note> notes;
};
using Reanalyse = std::function<std::optional<Reanalysis>(const std::string& text)>;

struct CodeActionRequest {
  const SourceFile& doc;  // the text the findings refer to
  std::string uri;
  const std::vector<Finding>& findings;
  Range range;
  bool quickfix_wanted = true;  // false when the client asked `only` for other kinds
};

nlohmann::json code_actions(const CodeActionRequest& request, const RuleSet& rules,
                            const Locate& locate, const Reanalyse& reanalyse);

// True when `after` (the findings of the text with `edit` applied) is `before` without `fixed`:
// findings below the edit moved by the lines it inserted, none new, no new syntax error.
bool fix_removes_only(const Finding& fixed, const Reanalysis& before, const Reanalysis& after,
                      int edit_line, int lines_added);

}  // namespace obolint::lsp

// Text edits the language server offers, built and checked on obolint's own view of the file:
// an edit is only offered when the edited text does what its title says.
#pragma once

#include <optional>
#include <string>

#include "core/finding.h"
#include "core/source_file.h"
#include "lsp/positions.h"

namespace obolint::lsp {

struct TextEdit {
  Range range;
  std::string new_text;
};

// `file`'s text with `edit` applied.
std::string apply_edit(const SourceFile& file, const TextEdit& edit);

// The placeholder reason of an inserted suppression: greppable, and SARIF shows it as the
// justification until someone writes the real one.
inline constexpr const char* kReasonPlaceholder = "TODO: say why this is safe";

// A directive that hides `f` at the end of the line it starts on, with a reason to fill in:
// `  # noqa: OBO004 -- TODO: ...` (Python and `#`-commented text files) or
// `  // NOLINT(OBO004): TODO: ...` (C++). Null when no directive can go there: the line ends in a
// backslash continuation, ends inside a string, or the file has no comment syntax obolint reads
// (checked by reading the directives of the edited text back).
std::optional<TextEdit> suppression_edit(const SourceFile& file, const Finding& f);

// For OBO004 in Python, a presence check right after the header read when the read is the whole
// right-hand side of a plain assignment (`token = request.headers.get(...)`):
//     if not token:
//         raise PermissionError("...")
// Raising works in any function and framework (a handler, a helper, a callback) and never lets a
// missing token reach a connection; a framework's own answer (abort(401), HTTPException) is the
// author's to choose. The caller checks the result by analysing it. Null when the shape differs.
std::optional<TextEdit> presence_check_edit(const SourceFile& file, const Finding& f);

}  // namespace obolint::lsp

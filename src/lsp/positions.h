// LSP positions are 0-based lines and UTF-16 code units; obolint's spans are 1-based lines and
// code-point columns (core/finding.h). Editors count a character outside the Basic Multilingual
// Plane (an emoji, say) as two units, obolint as one: these convert over the line's own text.
#pragma once

#include <string_view>

#include "core/finding.h"
#include "core/source_file.h"

namespace obolint::lsp {

struct Position {
  int line = 0;       // 0-based
  int character = 0;  // UTF-16 code units from the start of the line
  friend bool operator==(const Position&, const Position&) = default;
};

struct Range {
  Position start;
  Position end;
  friend bool operator==(const Range&, const Range&) = default;
};

// UTF-16 units before the 1-based code-point `column` of `line` (code points counted as
// count_code_points does: every byte that does not continue a sequence starts one). A column past
// the end of the line gives the line's length.
int utf16_before_column(std::string_view line, int column);

// UTF-16 units of the whole line.
int utf16_length(std::string_view line);

// Byte offset in `line` of UTF-16 unit offset `character`, clamped to the line's end; an offset
// that falls inside a surrogate pair gives the start of its character.
std::size_t byte_of_utf16(std::string_view line, int character);

// The range of a finding's span in `file` (a span on line 0, a whole-file note, is 0:0-0:0).
Range range_of(const SourceFile& file, const Span& span);

// The byte offset in `file` of an LSP position (clamped to the file).
std::size_t offset_of(const SourceFile& file, const Position& pos);

}  // namespace obolint::lsp

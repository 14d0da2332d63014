#include "lsp/positions.h"

#include <algorithm>

namespace obolint::lsp {
namespace {

bool continues(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

// UTF-16 units of the code point that starts with byte `lead`: a four-byte sequence is outside
// the BMP (a surrogate pair); anything else, an invalid byte included (U+FFFD), is one.
int units_of(unsigned char lead) {
  return lead >= 0xF0 ? 2 : 1;
}

}  // namespace

int utf16_before_column(std::string_view line, int column) {
  int units = 0;
  int cp = 1;
  for (unsigned char c : line) {
    if (continues(c)) continue;
    if (cp >= column) break;
    units += units_of(c);
    ++cp;
  }
  return units;
}

int utf16_length(std::string_view line) {
  int units = 0;
  for (unsigned char c : line) {
    if (!continues(c)) units += units_of(c);
  }
  return units;
}

std::size_t byte_of_utf16(std::string_view line, int character) {
  int units = 0;
  std::size_t i = 0;
  while (i < line.size()) {
    auto c = static_cast<unsigned char>(line[i]);
    int width = units_of(c);
    if (units + width > character) break;
    units += width;
    ++i;
    while (i < line.size() && continues(static_cast<unsigned char>(line[i]))) ++i;
  }
  return i;
}

Range range_of(const SourceFile& file, const Span& span) {
  if (span.line < 1) return {};
  Range r;
  r.start = {span.line - 1, utf16_before_column(file.line_text(span.line), span.column)};
  int end_line = std::max(span.end_line, span.line);
  int end_column = span.end_line < span.line ? span.column : span.end_column;
  r.end = {end_line - 1, utf16_before_column(file.line_text(end_line), end_column)};
  if (r.end.line == r.start.line && r.end.character < r.start.character) r.end = r.start;
  return r;
}

std::size_t offset_of(const SourceFile& file, const Position& pos) {
  if (pos.line < 0) return 0;
  if (pos.line >= file.line_count()) return file.content().size();
  std::string_view text = file.line_text(pos.line + 1);
  std::size_t start = file.offset_of(pos.line + 1, 0);
  return start + byte_of_utf16(text, std::max(pos.character, 0));
}

}  // namespace obolint::lsp

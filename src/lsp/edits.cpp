#include "lsp/edits.h"

#include <algorithm>

#include "engine/suppress.h"

namespace obolint::lsp {
namespace {

bool blank(char c) {
  return c == ' ' || c == '\t';
}

std::size_t content_end(std::string_view line) {
  std::size_t end = line.size();
  while (end > 0 && blank(line[end - 1])) --end;
  return end;
}

bool identifier_start(char c) {
  return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool identifier_char(char c) {
  return identifier_start(c) || (c >= '0' && c <= '9');
}

// `NAME =` or `NAME: annotation =` at the start of `line` (after its indentation), up to the first
// character of the value; the name is returned, or an empty string.
std::string assigned_name(std::string_view line, std::size_t value_at) {
  std::size_t i = 0;
  while (i < line.size() && blank(line[i])) ++i;
  if (i >= line.size() || !identifier_start(line[i])) return {};
  std::size_t b = i;
  while (i < line.size() && identifier_char(line[i])) ++i;
  std::string name(line.substr(b, i - b));
  // `else: token = ...` is a one-line block, not an assignment to `else`.
  static constexpr std::string_view kKeywords[] = {
      "if",  "elif",   "else",     "while",  "for",   "with",   "try",   "except", "finally",
      "def", "class",  "return",   "lambda", "async", "await",  "match", "case",   "yield",
      "del", "global", "nonlocal", "assert", "raise", "import", "from",  "pass",   "not"};
  if (std::find(std::begin(kKeywords), std::end(kKeywords), name) != std::end(kKeywords)) return {};
  std::size_t eq = line.find('=', i);
  if (eq == std::string_view::npos || eq >= value_at) return {};
  std::string_view between = line.substr(i, eq - i);
  while (!between.empty() && blank(between.front())) between.remove_prefix(1);
  // An annotation may sit between the name and '=': nothing else (no `==`, `+=`, tuple).
  if (!between.empty() && between.front() != ':') return {};
  if (eq + 1 < line.size() && line[eq + 1] == '=') return {};
  if (eq > 0 && std::string_view("=!<>+-*/%&|^@").find(line[eq - 1]) != std::string_view::npos) {
    return {};
  }
  for (std::size_t k = eq + 1; k < value_at; ++k) {
    if (!blank(line[k])) return {};
  }
  return name;
}

// The byte offset of 1-based code-point `column` in `line` (clamped to its end).
std::size_t byte_of_column(std::string_view line, int column) {
  std::size_t i = 0;
  for (int cp = 1; i < line.size() && cp < column; ++cp) {
    ++i;
    while (i < line.size() && (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) ++i;
  }
  return i;
}

}  // namespace

std::string apply_edit(const SourceFile& file, const TextEdit& edit) {
  std::size_t b = offset_of(file, edit.range.start);
  std::size_t e = std::max(b, offset_of(file, edit.range.end));
  std::string out = file.content();
  out.replace(b, e - b, edit.new_text);
  return out;
}

std::optional<TextEdit> suppression_edit(const SourceFile& file, const Finding& f) {
  if (f.span.line < 1 || f.span.line > file.line_count()) return std::nullopt;
  std::string_view line = file.line_text(f.span.line);
  std::size_t end = content_end(line);
  if (end > 0 && line[end - 1] == '\\') return std::nullopt;  // the next line continues this one
  std::string directive = file.language() == Language::Cpp
                              ? "  // NOLINT(" + f.rule_id + "): " + kReasonPlaceholder
                              : "  # noqa: " + f.rule_id + " -- " + kReasonPlaceholder;
  int row = f.span.line - 1;
  TextEdit edit{{{row, utf16_length(line.substr(0, end))}, {row, utf16_length(line)}}, directive};
  // Read the directives back: a line ending inside a string, or a file kind without comments
  // obolint reads (JSON, Markdown, a notebook's JSON), yields none.
  SourceFile edited(file.path(), apply_edit(file, edit), file.language());
  for (const auto& s : collect_suppressions(edited)) {
    if (s.target_line == f.span.line &&
        std::find(s.ids.begin(), s.ids.end(), f.rule_id) != s.ids.end()) {
      return edit;
    }
  }
  return std::nullopt;
}

std::optional<TextEdit> presence_check_edit(const SourceFile& file, const Finding& f) {
  if (file.language() != Language::Python || f.related.empty()) return std::nullopt;
  const RelatedLocation& read = f.related.front();
  if (!read.path.empty() && read.path != f.path) return std::nullopt;
  const Span& s = read.span;
  if (s.line < 1 || s.end_line < s.line || s.end_line > file.line_count()) return std::nullopt;
  // The read is the whole value: `NAME = <read>` on its first line, nothing but a comment after.
  std::string_view first = file.line_text(s.line);
  std::string name = assigned_name(first, byte_of_column(first, s.column));
  if (name.empty()) return std::nullopt;
  std::string_view last = file.line_text(s.end_line);
  std::string_view after = last.substr(byte_of_column(last, s.end_column));
  while (!after.empty() && blank(after.front())) after.remove_prefix(1);
  if (!after.empty() && after.front() != '#') return std::nullopt;
  // Indentation as the assignment's, one level deeper for the raise (tabs if the file uses them).
  std::string indent(first.substr(0, first.find_first_not_of(" \t")));
  std::string unit = indent.find('\t') != std::string::npos ? "\t"
                     : indent.size() % 4 == 2               ? "  "
                                                            : "    ";
  std::size_t eol = file.offset_of(s.end_line, 0) + last.size();
  std::string nl = eol < file.content().size() && file.content()[eol] == '\r' ? "\r\n" : "\n";
  std::string text = nl + indent + "if not " + name + ":" + nl + indent + unit +
                     "raise PermissionError(\"the user's access token is missing: is user "
                     "authorization (on-behalf-of) enabled for this app?\")";
  Position at{s.end_line - 1, utf16_length(last)};
  return TextEdit{{at, at}, text};
}

}  // namespace obolint::lsp

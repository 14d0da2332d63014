#include "core/finding.h"

#include <tuple>

namespace obolint {

const char* severity_name(Severity s) {
  return s == Severity::Block ? "BLOCK" : "FLAG";
}

const char* note_kind_name(Note::Kind k) {
  switch (k) {
    case Note::Kind::ParseError:
      return "parse-error";
    case Note::Kind::Skipped:
      return "skipped";
    case Note::Kind::Error:
      return "error";
  }
  return "error";
}

bool finding_less(const Finding& a, const Finding& b) {
  return std::tie(a.path, a.span.line, a.span.column, a.rule_id, a.span.end_line, a.span.end_column,
                  a.message) < std::tie(b.path, b.span.line, b.span.column, b.rule_id,
                                        b.span.end_line, b.span.end_column, b.message);
}

}  // namespace obolint

// The one finding type that every front end produces and every report consumes.
#pragma once

#include <string>
#include <vector>

namespace obolint {

enum class Severity { Flag, Block };

const char* severity_name(Severity s);  // "FLAG" / "BLOCK"

// 1-based line and column; columns count Unicode code points, the end column is exclusive.
struct Span {
  int line = 0;
  int column = 0;
  int end_line = 0;
  int end_column = 0;
  friend bool operator==(const Span&, const Span&) = default;
};

// A location elsewhere that explains a finding (the header read for OBO004, say).
struct RelatedLocation {
  std::string path;  // empty: same file as the finding
  Span span;
  std::string message;
};

// One step of a data flow from a source to the reported use (SARIF codeFlows).
struct FlowStep {
  std::string path;  // empty: same file as the finding
  Span span;
  std::string message;
};

// A place in a scanned file.
struct Location {
  std::string path;
  Span span;
};

// How a value got somewhere: where it came from (the header read) and every step since
// (assignments, helper returns, stores). Facts share one trace between their copies.
struct Trace {
  FlowStep source;              // path always set
  std::vector<FlowStep> steps;  // in order
};

struct Finding {
  std::string rule_id;
  Severity severity = Severity::Flag;
  std::string path;  // as discovered (relative to the scan root when given relative)
  Span span;
  std::string message;  // never holds a full secret
  // Text that identifies the finding independently of its line number (fingerprints, baselines).
  // Front ends fill it with the offending construct's normalized text; secrets are hashed before
  // use.
  std::string fingerprint_text;
  // When true the text under `span` is a secret: snippets hide it.
  bool span_is_secret = false;
  std::vector<RelatedLocation> related;
  std::vector<FlowStep> flow;
  // Set by the suppression stage: the finding is hidden by an inline comment.
  bool suppressed = false;
  std::string suppression_justification;
  // Set by the pipeline (engine/run.h) once analysis is over, for the reports:
  std::string fingerprint;  // line-independent identity (SARIF, GitLab, baselines)
  bool baselined = false;   // listed in the --baseline file: hidden like a suppression
  std::string snippet;      // the source line, secrets redacted, a long line cut around the span
  int snippet_column = 0;   // 1-based code-point column of the span's start within `snippet`
};

// Something the user should know about a file that is not a finding: a parse error, a skip.
struct Note {
  enum class Kind { ParseError, Skipped, Error };
  Kind kind = Kind::ParseError;
  std::string path;
  int line = 0;  // 0: whole file
  int column = 0;
  std::string message;
};

const char* note_kind_name(Note::Kind k);

// Deterministic report order: path, line, column, rule.
bool finding_less(const Finding& a, const Finding& b);

}  // namespace obolint

#include "lsp/code_actions.h"

#include <algorithm>

#include "lsp/edits.h"

namespace obolint::lsp {
namespace {

using nlohmann::json;

json text_edit_json(const TextEdit& e) {
  auto pos = [](const Position& p) { return json{{"line", p.line}, {"character", p.character}}; };
  return {{"range", {{"start", pos(e.range.start)}, {"end", pos(e.range.end)}}},
          {"newText", e.new_text}};
}

json action(std::string title, const std::string& uri, const TextEdit& edit, json diagnostic,
            bool preferred) {
  json changes = json::object();
  changes[uri] = json::array({text_edit_json(edit)});
  return {{"title", std::move(title)},
          {"kind", "quickfix"},
          {"diagnostics", json::array({std::move(diagnostic)})},
          {"isPreferred", preferred},
          {"edit", {{"changes", std::move(changes)}}}};
}

bool before(const Position& a, const Position& b) {
  return a.line < b.line || (a.line == b.line && a.character < b.character);
}

bool overlaps(const Range& a, const Range& b) {
  return !before(a.end, b.start) && !before(b.end, a.start);
}

int count_lines(const std::string& text) {
  return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

int parse_errors(const std::vector<Note>& notes) {
  return static_cast<int>(std::count_if(
      notes.begin(), notes.end(), [](const Note& n) { return n.kind == Note::Kind::ParseError; }));
}

}  // namespace

bool fix_removes_only(const Finding& fixed, const Reanalysis& before_fix,
                      const Reanalysis& after_fix, int edit_line, int lines_added) {
  if (parse_errors(after_fix.notes) > parse_errors(before_fix.notes)) return false;
  auto moved = [&](const Finding& f) {
    Finding g = f;
    if (g.span.line > edit_line) g.span.line += lines_added;
    if (g.span.end_line > edit_line) g.span.end_line += lines_added;
    return g;
  };
  auto same = [](const Finding& a, const Finding& b) {
    return a.rule_id == b.rule_id && a.span == b.span && a.suppressed == b.suppressed;
  };
  Finding gone = moved(fixed);
  for (const auto& f : after_fix.findings) {
    if (same(f, gone)) return false;
    bool known = std::any_of(before_fix.findings.begin(), before_fix.findings.end(),
                             [&](const Finding& b) { return same(moved(b), f); });
    if (!known) return false;
  }
  return true;
}

json code_actions(const CodeActionRequest& request, const RuleSet& rules, const Locate& locate,
                  const Reanalyse& reanalyse) {
  json out = json::array();
  if (!request.quickfix_wanted) return out;
  std::optional<Reanalysis> current;
  for (const auto& f : request.findings) {
    if (f.suppressed || !overlaps(range_of(request.doc, f.span), request.range)) continue;
    json diagnostic = finding_diagnostic(f, rules, request.doc, locate);
    if (f.rule_id == "OBO004") {
      if (auto edit = presence_check_edit(request.doc, f)) {
        if (!current) current = reanalyse(request.doc.content());
        std::optional<Reanalysis> fixed = reanalyse(apply_edit(request.doc, *edit));
        if (current && fixed &&
            fix_removes_only(f, *current, *fixed, edit->range.start.line + 1,
                             count_lines(edit->new_text))) {
          out.push_back(action("Check the token before use (raise PermissionError when missing)",
                               request.uri, *edit, diagnostic, true));
        }
      }
    }
    if (auto edit = suppression_edit(request.doc, f)) {
      out.push_back(action("Suppress " + f.rule_id + " on line " + std::to_string(f.span.line) +
                               " (write the reason in the comment)",
                           request.uri, *edit, diagnostic, false));
    }
  }
  return out;
}

}  // namespace obolint::lsp

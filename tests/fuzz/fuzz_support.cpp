#include "fuzz_support.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "engine/dedupe.h"
#include "engine/redaction.h"
#include "engine/snippet.h"
#include "engine/suppress.h"

namespace obolint::fuzz {

const RuleSet& rules() {
  static const RuleSet set = RuleSet::load(std::filesystem::path(OBOLINT_SOURCE_DIR) / "rules");
  return set;
}

const SecretScanner& secrets() {
  static const SecretScanner scanner(rules());
  return scanner;
}

std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

std::vector<std::string> split(std::string_view text, std::string_view separator,
                               std::size_t max_parts) {
  std::vector<std::string> parts;
  while (parts.size() + 1 < max_parts) {
    auto at = text.find(separator);
    if (at == std::string_view::npos) break;
    parts.emplace_back(text.substr(0, at));
    text.remove_prefix(at + separator.size());
  }
  parts.emplace_back(text);
  return parts;
}

void add_in_memory(std::vector<InputFile>& inputs, const std::string& path, std::string text) {
  std::vector<Note> ignored;
  auto source = make_source(path, std::move(text), ignored);
  if (!source) return;
  InputFile in;
  in.path = path;
  in.source = std::move(source);
  inputs.push_back(std::move(in));
}

void expect_no_secret(std::string_view text, const char* where) {
  auto found = secrets().find(text);
  if (found.empty()) return;
  // Print where, never the secret itself.
  std::fprintf(stderr, "fuzz: a secret left whole in %s (bytes %zu..%zu)\n", where,
               found.front().begin, found.front().end);
  // To debug a reproducer only: the text itself (fuzz data, never a real secret).
  if (std::getenv("OBOLINT_FUZZ_SHOW_TEXT")) {
    std::fwrite(text.data(), 1, text.size(), stderr);
    std::fputc('\n', stderr);
  }
  std::abort();
}

void finish_and_check(Analysis& analysis, const ScanOptions& options) {
  std::vector<Finding>& findings = analysis.findings;
  remove_overlapping_duplicates(findings);
  apply_suppressions(findings, analysis.kept, analysis.virtuals, rules(), options);
  std::sort(findings.begin(), findings.end(), finding_less);
  std::map<std::string, std::unique_ptr<SourceFile>, std::less<>> files;
  for (auto& s : analysis.kept) {
    std::string key = s->path();
    files.emplace(std::move(key), std::move(s));
  }
  for (const auto& f : findings) {
    auto it = files.find(f.path);
    if (it == files.end()) continue;
    int lines = it->second->line_count();
    if (f.span.line < 1 || f.span.line > lines + 1 || f.span.end_line < f.span.line ||
        f.span.end_line > lines + 1) {
      std::fprintf(stderr, "fuzz: span %d..%d outside %s (%d lines)\n", f.span.line,
                   f.span.end_line, f.path.c_str(), lines);
      std::abort();
    }
  }
  attach_snippets(findings, files, secrets());
  redact_texts(findings, analysis.notes, secrets());
  for (const auto& f : findings) {
    expect_no_secret(f.message, "a finding's message");
    expect_no_secret(f.snippet, "a snippet");
    expect_no_secret(f.suppression_justification, "a justification");
    for (const auto& r : f.related) expect_no_secret(r.message, "a related location");
    for (const auto& s : f.flow) expect_no_secret(s.message, "a flow step");
  }
  for (const auto& n : analysis.notes) expect_no_secret(n.message, "a note");
}

}  // namespace obolint::fuzz

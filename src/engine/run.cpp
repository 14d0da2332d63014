#include "engine/run.h"

#include <algorithm>

#include "engine/analyze.h"
#include "engine/baseline.h"
#include "engine/dedupe.h"
#include "engine/diff_filter.h"
#include "engine/fingerprint.h"
#include "engine/history.h"
#include "engine/redaction.h"
#include "engine/snippet.h"
#include "engine/sources.h"
#include "engine/staged_sources.h"
#include "engine/suppress.h"

namespace obolint::engine {
namespace fs = std::filesystem;

namespace {

std::vector<std::string> paths_of(const ScanRequest& request) {
  return request.paths.empty() ? std::vector<std::string>{"."} : request.paths;
}

fs::path folder_of(const fs::path& file) {
  return file.has_parent_path() ? file.parent_path() : fs::path(".");
}

void apply_severity_overrides(std::vector<Finding>& findings,
                              const std::map<std::string, Severity>& overrides) {
  if (overrides.empty()) return;
  for (auto& f : findings) {
    if (auto it = overrides.find(f.rule_id); it != overrides.end()) f.severity = it->second;
  }
}

void assign_fingerprints(ScanResult& result) {
  std::vector<const SourceFile*> files;
  files.reserve(result.findings.size());
  for (const auto& f : result.findings) {
    auto it = result.files.find(f.path);
    files.push_back(it == result.files.end() ? nullptr : it->second.get());
  }
  std::vector<std::string> fps = fingerprints(result.findings, files);
  for (std::size_t i = 0; i < fps.size(); ++i) result.findings[i].fingerprint = std::move(fps[i]);
}

// The request's in-memory texts as inputs, read as a file on disk is (size limit, binary,
// UTF-16, invalid UTF-8): a skip is a note.
void add_texts(const std::map<std::string, std::string, std::less<>>& texts, std::uintmax_t limit,
               std::vector<InputFile>& inputs, std::vector<Note>& notes, int& skipped) {
  for (const auto& [path, text] : texts) {
    if (text.size() > limit) {
      notes.push_back({Note::Kind::Skipped, path, 0, 0,
                       "skipped: larger than the size limit (" + std::to_string(text.size()) +
                           " > " + std::to_string(limit) + " bytes)"});
      ++skipped;
      continue;
    }
    if (auto src = make_source(path, text, notes)) {
      inputs.push_back({path, {}, std::move(src)});
    } else {
      ++skipped;
    }
  }
}

// The inputs: discovered files (the analysis reads each once), the staged blobs in memory, or
// texts given by the caller (an editor's unsaved buffers).
std::vector<InputFile> gather_inputs(const ScanRequest& request, ScanResult& result, int& skipped) {
  const ScanOptions& options = request.options;
  std::vector<InputFile> inputs;
  if (request.staged) {
    Sources staged = read_staged_sources(request.paths, options);
    result.notes = std::move(staged.notes);
    skipped = staged.skipped;
    for (auto& src : staged.files) {
      std::string path = src->path();
      inputs.push_back({std::move(path), {}, std::move(src)});
    }
  } else {
    std::vector<std::string> on_disk;
    for (const auto& p : paths_of(request)) {
      if (!request.texts.count(p) && (!request.paths.empty() || request.texts.empty())) {
        on_disk.push_back(p);
      }
    }
    if (!on_disk.empty()) {
      Discovery found = discover(on_disk, options.discover);
      result.notes = std::move(found.notes);
      for (auto& f : found.files) {
        if (request.texts.count(f.path)) continue;
        inputs.push_back({std::move(f.path), std::move(f.fs_path), nullptr});
      }
    }
    add_texts(request.texts, options.max_file_size, inputs, result.notes, skipped);
  }
  return inputs;
}

}  // namespace

ScanResult run(const ScanRequest& request, const RuleSet& rules) {
  if (request.history) return run_history(request, rules);
  const ScanOptions& options = request.options;
  ScanResult result;
  int skipped = 0;
  std::vector<InputFile> inputs = gather_inputs(request, result, skipped);
  for (const auto& in : inputs) result.considered.push_back(in.path);
  for (const auto& r : rules.all()) {
    auto o = options.severity_overrides.find(r.id);
    result.rule_severity[r.id] = o == options.severity_overrides.end() ? r.severity : o->second;
  }

  Analysis analysis = analyze(std::move(inputs), rules, options);
  result.stats.files_scanned = analysis.files_scanned;
  result.stats.files_skipped = skipped + analysis.files_skipped;
  result.stats.by_language = std::move(analysis.files_by_language);
  result.notes.insert(result.notes.end(), std::make_move_iterator(analysis.notes.begin()),
                      std::make_move_iterator(analysis.notes.end()));
  std::vector<Finding> findings = std::move(analysis.findings);
  std::erase_if(findings, [&](const Finding& f) {
    return !rule_selected(f.rule_id, options.select, options.ignore) ||
           path_ignored(f, options.per_path_ignores);
  });
  remove_overlapping_duplicates(findings);
  apply_severity_overrides(findings, options.severity_overrides);
  apply_suppressions(findings, analysis.kept, analysis.virtuals, rules, options);
  std::sort(findings.begin(), findings.end(), finding_less);
  result.findings = std::move(findings);
  for (auto& s : analysis.kept) {
    std::string key = s->path();
    result.files.emplace(std::move(key), std::move(s));
  }

  SecretScanner secrets(rules);
  assign_fingerprints(result);
  if (!request.record_baseline.empty()) {
    result.recorded_baseline = make_baseline(result, folder_of(request.record_baseline), secrets);
  }
  if (!request.baseline.empty()) {
    BaselineOutcome b = apply_baseline(load_baseline(request.baseline), result,
                                       folder_of(request.baseline), secrets);
    result.stats.baseline_hidden = b.hidden;
    result.stats.baseline_stale = b.stale;
  }
  // After the baseline, so entries for findings on unchanged lines are not counted stale.
  if (!request.diff_base.empty()) {
    result.stats.outside_diff = keep_changed_lines(result, request.diff_base);
  }
  result.stats.suppressed =
      static_cast<int>(std::count_if(result.findings.begin(), result.findings.end(),
                                     [](const Finding& f) { return f.suppressed; }));

  attach_snippets(result.findings, result.files, secrets);
  redact_texts(result.findings, result.notes, secrets);
  std::stable_sort(result.notes.begin(), result.notes.end(), [](const Note& a, const Note& b) {
    return std::tie(a.path, a.line, a.column) < std::tie(b.path, b.line, b.column);
  });
  return result;
}

std::vector<std::string> list_files(const ScanRequest& request) {
  if (request.staged) return staged_display_paths(request.paths, request.options);
  std::vector<std::string> out;
  for (auto& f : discover(paths_of(request), request.options.discover).files) {
    out.push_back(std::move(f.path));
  }
  return out;
}

}  // namespace obolint::engine

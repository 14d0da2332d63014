#include "engine/analyze.h"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <set>

#include "apps/app_folders.h"
#include "apps/manifests.h"
#include "apps/project_files.h"
#include "checks/check.h"
#include "core/parallel.h"
#include "cpp/cpp_frontend.h"
#include "discover/discover.h"
#include "engine/cpp_component.h"
#include "engine/prefilter.h"
#include "engine/scan.h"
#include "python/import_scan.h"
#include "python/module_names.h"
#include "python/python_frontend.h"
#include "text/secret_scanner.h"

namespace obolint {
namespace {

// The selected rules that are decided by a check, with their checks.
std::vector<std::pair<const RuleDef*, const CheckEntry*>> active_checks(
    const std::vector<const RuleDef*>& active) {
  std::vector<std::pair<const RuleDef*, const CheckEntry*>> out;
  for (const RuleDef* rule : active) {
    if (rule->check.empty()) continue;
    const CheckEntry* check = find_check(rule->check);
    if (!check) throw RuleError(rule->source.string() + ": unknown check '" + rule->check + "'");
    out.emplace_back(rule, check);
  }
  return out;
}

// What phase 1 leaves of one input file.
struct Read {
  std::unique_ptr<SourceFile> source;  // kept text (see keep below), or null
  std::unique_ptr<VirtualSource> notebook;
  std::vector<Finding> findings;
  std::vector<Note> notes;
  std::string language;  // for the statistics; empty when skipped
  bool python = false;
  bool cpp = false;
  bool parse = false;  // the prefilter says the file can matter (Python, C++)
  bool in_memory = false;
  // Python: the scanned files it imports (lexically, for the on-demand parse), as input indices:
  // a few bytes a file instead of every imported name, for every file of the tree.
  std::vector<int> imports;
};

// The files an import can name: those with a Python extension (a notebook or a script without
// one cannot be imported), by module name.
class ImportTargets {
 public:
  explicit ImportTargets(const std::vector<InputFile>& inputs) {
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      if (classify(std::filesystem::path(inputs[i].path), {}) != Language::Python) continue;
      names_.add(py::module_name_for_path(inputs[i].path));
      input_.push_back(static_cast<int>(i));
    }
    names_.finish();
  }
  // The inputs the file's imports name, itself left out.
  std::vector<int> imported_by(std::string_view text, const std::string& path, int self) const {
    std::vector<int> out;
    std::string own = py::module_name_for_path(path);
    for (const std::string& name : py::imported_modules(text, own, path.ends_with("__init__.py"))) {
      int k = names_.find(name, own);
      if (k < 0 || input_[k] == self) continue;
      if (std::find(out.begin(), out.end(), input_[k]) == out.end()) out.push_back(input_[k]);
    }
    out.shrink_to_fit();
    return out;
  }

 private:
  py::ModuleNames names_;
  std::vector<int> input_;  // input index of each name
};

class Reader {
 public:
  // `imports`: null when no selected rule reads Python.
  Reader(const ScanOptions& options, const SecretScanner& secrets, const Prefilter& prefilter,
         const ImportTargets* imports)
      : options_(options), secrets_(secrets), prefilter_(prefilter), imports_(imports) {}

  Read operator()(InputFile& in, int index) const {
    Read r;
    r.in_memory = in.source != nullptr;
    std::unique_ptr<SourceFile> src =
        in.source ? std::move(in.source)
                  : read_source(in.path, in.fs_path, options_.max_file_size, r.notes);
    if (!src) return r;
    secrets_.scan(*src, r.findings);
    r.notebook = make_virtual_source(*src, r.notes);
    r.language = r.notebook ? "notebook" : language_name(src->language());
    r.python = r.notebook || src->language() == Language::Python;
    r.cpp = !r.notebook && src->language() == Language::Cpp;
    if (r.python) {
      const SourceFile& py = r.notebook ? r.notebook->python() : *src;
      r.parse = prefilter_.python_may_matter(py.content());
      if (!r.notebook && imports_) {
        r.imports = imports_->imported_by(py.content(), py.path(), index);
      }
    }
    if (r.cpp) r.parse = prefilter_.cpp_may_matter(src->content());
    bool keep = r.parse || r.in_memory || !r.findings.empty() ||
                (options_.report_unused_suppressions && prefilter_.has_directives(src->content()));
    if (keep) {
      r.source = std::move(src);
    } else {
      r.notebook.reset();  // it points into the text being dropped
    }
    return r;
  }

 private:
  const ScanOptions& options_;
  const SecretScanner& secrets_;
  const Prefilter& prefilter_;
  const ImportTargets* imports_;
};

// Every scanned file for the analyses that read several files together: its kept text, or a way to
// read it again.
std::vector<apps::ProjectFile> project_files(const std::vector<InputFile>& inputs,
                                             const std::vector<Read>& reads,
                                             const ScanOptions& options) {
  std::vector<apps::ProjectFile> files;
  for (std::size_t i = 0; i < reads.size(); ++i) {
    const Read& r = reads[i];
    if (r.language.empty()) continue;  // skipped: binary, too large, unreadable
    apps::ProjectFile f;
    f.path = inputs[i].path;
    if (r.source) {
      f.source = r.source.get();
    } else {
      // The input outlives the analysis; copying its paths would cost a path per file.
      f.reload = [input = &inputs[i], &options] {
        std::vector<Note> ignored;  // read once already: its notes are out
        return read_source(input->path, input->fs_path, options.max_file_size, ignored);
      };
    }
    files.push_back(std::move(f));
  }
  return files;
}

// Drops the texts that no finding (and no suppression directive to report) needs any more.
void trim_kept(Analysis& out, std::vector<Read>& reads, const ScanOptions& options,
               const Prefilter& prefilter) {
  std::set<std::string_view> with_findings;
  for (const auto& f : out.findings) with_findings.insert(f.path);
  for (auto& r : reads) {
    if (!r.source) continue;
    bool needed =
        with_findings.count(r.source->path()) ||
        (options.report_unused_suppressions && prefilter.has_directives(r.source->content()));
    if (!needed) continue;
    if (r.notebook) out.virtuals.push_back(std::move(r.notebook));
    out.kept.push_back(std::move(r.source));
  }
}

// A Python file for the project: its kept text, or how to read it again for an on-demand parse
// (a helper another module calls, an importer of a module that gives the token).
py::PythonInput python_input(Read& r, const InputFile& input, const ScanOptions& options) {
  py::PythonInput in;
  in.path = input.path;
  if (r.parse && r.source) in.file = r.notebook ? &r.notebook->python() : r.source.get();
  if (!r.notebook && r.in_memory && r.source) {
    in.reload = [text = r.source.get()] { return std::make_unique<SourceFile>(*text); };
  } else if (!r.notebook) {
    // The input outlives the analysis; copying its paths would cost a path per file.
    in.reload = [input = &input, &options] {
      std::vector<Note> ignored;  // read once already: its notes are out
      return read_source(input->path, input->fs_path, options.max_file_size, ignored);
    };
  }
  return in;
}

// The Python files for the project, numbered as its modules; their imports renumbered from input
// indices to module indices (a file that turned out not to be Python, or unreadable, is none).
std::vector<py::PythonInput> python_inputs(std::vector<Read>& reads,
                                           const std::vector<InputFile>& inputs,
                                           const ScanOptions& options, Analysis& out) {
  std::vector<py::PythonInput> python;
  std::vector<int> module_of_input(reads.size(), -1);
  for (std::size_t i = 0; i < reads.size(); ++i) {
    if (reads[i].language.empty() || !reads[i].python) continue;
    module_of_input[i] = static_cast<int>(python.size());
    python.push_back(python_input(reads[i], inputs[i], options));
    out.files_parsed += python.back().file != nullptr;
  }
  for (std::size_t i = 0; i < reads.size(); ++i) {
    if (module_of_input[i] < 0) continue;
    auto& imported = python[module_of_input[i]].imported;
    for (int k : reads[i].imports) {
      if (module_of_input[k] >= 0) imported.push_back(module_of_input[k]);
    }
    reads[i].imports = {};
  }
  return python;
}

// Moves phase 1's findings and notes into `out`, counts the files, and lists the C++ files to
// parse.
std::vector<const SourceFile*> account_reads(std::vector<Read>& reads, Analysis& out) {
  std::vector<const SourceFile*> cpp;
  for (Read& r : reads) {
    std::move(r.findings.begin(), r.findings.end(), std::back_inserter(out.findings));
    std::move(r.notes.begin(), r.notes.end(), std::back_inserter(out.notes));
    r.findings.clear();
    if (r.language.empty()) {
      ++out.files_skipped;
      continue;
    }
    ++out.files_scanned;
    ++out.files_by_language[r.language];
    if (r.cpp && r.parse && r.source) {
      ++out.files_parsed;
      cpp.push_back(r.source.get());
    }
  }
  return cpp;
}

// Python files of an app folder that the prefilter dropped but that take the request's headers
// whole (`dict(request.headers)`): read again and kept, for the token flow. App folders are few
// and small; a library tree has none.
void keep_app_header_dumps(std::vector<Read>& reads, const std::vector<InputFile>& inputs,
                           const std::vector<facts::AppFolder>& folders, const Prefilter& prefilter,
                           const ScanOptions& options) {
  if (folders.empty()) return;
  for (std::size_t i = 0; i < reads.size(); ++i) {
    Read& r = reads[i];
    if (!r.python || r.parse || r.notebook || r.language.empty()) continue;
    if (!facts::folder_of(folders, inputs[i].path)) continue;
    // Still here when kept for another reason (a staged file, a finding's snippet); else read
    // again, and dropped again unless it is kept now.
    bool reread = !r.source;
    if (reread) {
      std::vector<Note> ignored;  // read once already: its notes are out
      r.source = read_source(inputs[i].path, inputs[i].fs_path, options.max_file_size, ignored);
    }
    if (!r.source) continue;
    if (prefilter.python_may_dump_headers(r.source->content())) {
      r.parse = true;
    } else if (reread) {
      r.source.reset();
    }
  }
}

}  // namespace

std::vector<const RuleDef*> active_rules(const RuleSet& rules, const ScanOptions& options) {
  std::vector<const RuleDef*> out;
  for (const auto& r : rules.all()) {
    if (rule_selected(r.id, options.select, options.ignore)) out.push_back(&r);
  }
  return out;
}

Analysis analyze(std::vector<InputFile> inputs, const RuleSet& rules, const ScanOptions& options) {
  Analysis out;
  auto active = active_rules(rules, options);
  auto checks = active_checks(active);
  unsigned needs = facts::kNeedNothing;
  for (const auto& [rule, check] : checks) needs |= check->needs;
  SecretScanner secrets(rules);
  Prefilter prefilter(rules, active, (needs & facts::kNeedTokenFlow) != 0,
                      (needs & facts::kNeedAppContext) != 0);

  // Phase 1, per file on every core: read once, secrets, prefilter; the text is dropped at once
  // unless the file can matter.
  std::vector<Read> reads(inputs.size());
  {
    std::optional<ImportTargets> targets;
    if (prefilter.python_selected()) targets.emplace(inputs);
    Reader reader(options, secrets, prefilter, targets ? &*targets : nullptr);
    parallel_for(inputs.size(), options.jobs,
                 [&](std::size_t i) { reads[i] = reader(inputs[i], static_cast<int>(i)); });
  }

  std::vector<const SourceFile*> cpp = account_reads(reads, out);

  std::size_t analysed_from = out.findings.size(), notes_from = out.notes.size();
  facts::Facts found;
  // The token flow needs the app folders too: app code dumping the request's headers leaks the
  // token whether or not it names the header (every request to an app carries it).
  const unsigned app_folders = facts::kNeedAppContext | facts::kNeedTokenFlow;
  if (needs & (app_folders | facts::kNeedDependencies)) {
    // Several files read together: app manifests, bundles, requirement files and their includes,
    // each read again on demand when the reader dropped its text.
    apps::ProjectFiles files(project_files(inputs, reads, options));
    if (needs & app_folders) apps::find_apps(files, rules, found.apps, out.notes);
    if (needs & facts::kNeedDependencies) {
      found.dependencies = apps::read_manifests(files, out.notes);
    }
  }
  if (needs & facts::kNeedTokenFlow) {
    keep_app_header_dumps(reads, inputs, found.apps.folders, prefilter, options);
  }
  std::vector<py::PythonInput> python = python_inputs(reads, inputs, options, out);
  if (!python.empty()) {
    analyze_python(std::move(python), rules, active, secrets, needs, options.jobs, out.findings,
                   found, out.notes);
  }
  if (!cpp.empty()) {
    // One -j for every front end.
    CppOptions cpp_options = options.cpp;
    if (cpp_options.jobs == 0) cpp_options.jobs = options.jobs;
    analyze_cpp_component(cpp, rules, active, secrets, needs, cpp_options, out.findings, found,
                          out.notes);
  }
  Reporter reporter(out.findings);
  for (const auto& [rule, check] : checks) check->run({*rule, found, reporter});

  std::vector<std::unique_ptr<VirtualSource>> notebooks;
  for (auto& r : reads) {
    if (r.notebook) notebooks.push_back(std::move(r.notebook));
  }
  map_virtual_positions(notebooks, out.findings, analysed_from, out.notes, notes_from);
  // Put each notebook back with its file for trimming.
  for (auto& r : reads) {
    for (auto& v : notebooks) {
      if (v && r.source && &v->original() == r.source.get()) r.notebook = std::move(v);
    }
  }
  trim_kept(out, reads, options, prefilter);
  return out;
}

}  // namespace obolint

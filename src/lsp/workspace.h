// One workspace folder as the language server sees it: the rules and configuration that
// `obolint scan` run from the folder would use, the folder's files on disk (discovered as a scan
// discovers them), and the analysis of edited buffers together with what they depend on.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "core/rules.h"
#include "core/source_file.h"
#include "engine/scan.h"
#include "lsp/module_index.h"
#include "text/secret_scanner.h"

namespace obolint::lsp {

// What one analysis found in the files it was asked about (display paths, relative to the root).
struct Analysis {
  std::set<std::string> targets;  // the changed files and the modules importing them
  std::map<std::string, std::vector<Finding>, std::less<>> findings;  // suppressed ones marked
  std::map<std::string, std::vector<Note>, std::less<>> notes;
  // Texts of the files with findings (related locations in other files are converted with them).
  std::map<std::string, std::unique_ptr<SourceFile>, std::less<>> files;
  int inputs = 0;  // files handed to the pipeline
  double milliseconds = 0;
};

class Workspace {
 public:
  // `index_disk`: read the folder's files for cross-module facts (false for a file opened outside
  // every workspace folder: it is analysed alone).
  Workspace(std::filesystem::path root, std::filesystem::path rules_dir, bool index_disk);

  const std::filesystem::path& root() const { return root_; }
  // Loads the rules and the folder's configuration file. Returns what is wrong with the
  // configuration (the defaults are used then), or an empty string. Throws RuleError for broken
  // rule data.
  std::string reload();

  // The display path of a file: relative to the root when inside it, else absolute.
  std::string display_path(const std::filesystem::path& file) const;
  std::filesystem::path absolute(std::string_view display) const;
  bool contains(const std::filesystem::path& file) const;
  // True when a scan of the folder would not look at `display` (exclude/include globs,
  // .gitignore, default skips): the editor's file gets no diagnostics then.
  bool excluded(const std::string& display) const;
  // True when the last discovery found `display` (false before the first one).
  bool discovered(const std::string& display) const { return discovered_.count(display) != 0; }
  bool indexes_disk() const { return index_disk_; }

  // Discovers the folder's files again and re-reads the Python modules that changed on disk.
  void refresh_index();
  std::chrono::steady_clock::time_point indexed_at() const { return indexed_at_; }
  // True when `file` was written since the last discovery began (discovery has not seen it).
  bool newer_than_index(const std::filesystem::path& file) const;
  double index_milliseconds() const { return index_ms_; }
  std::size_t module_count() const { return index_.size(); }
  // A file of the folder changed on disk (saved, created, deleted).
  void disk_changed(const std::string& display);
  // The editor's text of a Python module (its imports count instead of the disk's).
  void buffer_changed(const std::string& display, std::string_view text);

  // Analyses the `changed` files (display paths) and the modules that import them, with every
  // module they import, reading open buffers (display path -> text) instead of the disk.
  Analysis analyze(const std::set<std::string>& changed,
                   const std::map<std::string, std::string_view, std::less<>>& buffers);

  const RuleSet& rules() const { return *rules_; }
  const SecretScanner& secrets() const { return *secrets_; }
  const ScanOptions& options() const { return options_; }
  std::uintmax_t max_file_size() const { return options_.max_file_size; }

 private:
  struct DiskFile {
    std::filesystem::file_time_type mtime;
    std::uintmax_t size = 0;
  };
  void read_module(const std::string& display, const std::filesystem::path& file);
  std::set<std::string> inputs_for(const std::set<std::string>& targets) const;

  std::filesystem::path root_;
  std::filesystem::path rules_dir_;
  bool index_disk_;
  std::unique_ptr<RuleSet> rules_;
  std::unique_ptr<SecretScanner> secrets_;  // points into *rules_: rebuilt with it
  ScanOptions options_;
  ModuleIndex index_;
  std::map<std::string, DiskFile, std::less<>> modules_;  // Python files on disk, as indexed
  std::set<std::string, std::less<>> discovered_;         // every file a scan would read
  std::set<std::string, std::less<>> context_;            // project files read with any module
  std::chrono::steady_clock::time_point indexed_at_{};
  std::filesystem::file_time_type index_started_{};  // the file clock when discovery began
  double index_ms_ = 0;
  bool indexed_ = false;
};

// Project files the analyses read alongside the modules (app manifests, bundles, requirement
// and packaging files): every analysis of a module includes them.
bool is_context_file(std::string_view display);

}  // namespace obolint::lsp

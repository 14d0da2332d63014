#include "workflow/staged.h"

#include <charconv>

#include "workflow/git_paths.h"
#include "workflow/process.h"

namespace obolint {
namespace fs = std::filesystem;

std::vector<StagedFile> staged_files(const std::vector<std::string>& pathspecs) {
  // --raw gives the staged blob id directly; -z keeps unusual file names intact; renames are
  // reported as additions so the new path is scanned.
  std::vector<std::string> args{
      "diff",         "--cached",          "--raw",         "-z", "--no-abbrev",
      "--no-renames", "--diff-filter=ACM", "--no-ext-diff", "--"};
  args.insert(args.end(), pathspecs.begin(), pathspecs.end());
  std::string out = git_output(args);
  std::vector<StagedFile> files;
  std::size_t pos = 0;
  while (pos < out.size()) {
    std::size_t meta_end = out.find('\0', pos);
    if (meta_end == std::string::npos) break;
    std::string meta = out.substr(pos, meta_end - pos);
    std::size_t path_end = out.find('\0', meta_end + 1);
    if (path_end == std::string::npos) path_end = out.size();
    std::string path = out.substr(meta_end + 1, path_end - meta_end - 1);
    pos = path_end + 1;
    // ":100644 100644 <old> <new> M"
    if (meta.empty() || meta[0] != ':') continue;
    std::vector<std::string> fields;
    std::size_t s = 1;
    while (s <= meta.size()) {
      std::size_t e = meta.find(' ', s);
      if (e == std::string::npos) e = meta.size();
      fields.push_back(meta.substr(s, e - s));
      s = e + 1;
    }
    if (fields.size() < 5) continue;
    const std::string& new_mode = fields[1];
    if (new_mode == "160000" || new_mode == "120000") continue;  // submodule, symlink
    files.push_back({path, fields[3]});
  }
  return files;
}

ScanResult scan_staged(const std::vector<std::string>& pathspecs, const RuleSet& rules,
                       const ScanOptions& options) {
  fs::path top = git_toplevel();
  fs::path cwd = fs::current_path();
  std::vector<StagedFile> files = staged_files(pathspecs);
  std::vector<Note> notes;
  std::vector<std::unique_ptr<SourceFile>> sources;
  int skipped = 0;

  std::vector<std::pair<std::string, std::string>> wanted;  // display path, blob
  for (const auto& f : files) {
    std::string display = display_path_for(f.repo_path, top, cwd);
    bool excluded = false;
    for (const auto& g : options.discover.exclude) {
      excluded = excluded || path_matches(g, display) || path_matches(g, f.repo_path);
    }
    if (!options.discover.include.empty()) {
      bool included = false;
      for (const auto& g : options.discover.include) {
        included = included || path_matches(g, display) || path_matches(g, f.repo_path);
      }
      excluded = excluded || !included;
    }
    if (!excluded) wanted.emplace_back(display, f.blob);
  }
  if (!wanted.empty()) {
    std::string request;
    for (const auto& [display, blob] : wanted) request += blob + "\n";
    std::string out = git_output({"cat-file", "--batch"}, {}, request);
    // Each answer: "<oid> blob <size>\n<content>\n" (or "<oid> missing\n").
    std::size_t pos = 0;
    for (const auto& [display, blob] : wanted) {
      std::size_t eol = out.find('\n', pos);
      if (eol == std::string::npos) break;
      std::string header = out.substr(pos, eol - pos);
      pos = eol + 1;
      std::size_t last_space = header.rfind(' ');
      std::uintmax_t size = 0;
      bool ok = header.find(" blob ") != std::string::npos && last_space != std::string::npos;
      if (ok) {
        auto [p, ec] =
            std::from_chars(header.data() + last_space + 1, header.data() + header.size(), size);
        ok = ec == std::errc() && pos + size <= out.size();
      }
      if (!ok) {
        notes.push_back({Note::Kind::Skipped, display, 0, 0, "cannot read the staged content"});
        ++skipped;
        continue;
      }
      std::string content = out.substr(pos, static_cast<std::size_t>(size));
      pos += static_cast<std::size_t>(size) + 1;
      if (size > options.max_file_size) {
        notes.push_back({Note::Kind::Skipped, display, 0, 0,
                         "larger than --max-file-size (" + std::to_string(size) + " bytes)"});
        ++skipped;
        continue;
      }
      auto src = make_source(display, std::move(content), notes);
      if (src) {
        sources.push_back(std::move(src));
      } else {
        ++skipped;
      }
    }
  }
  return scan_sources(std::move(sources), rules, options, std::move(notes), skipped);
}

}  // namespace obolint

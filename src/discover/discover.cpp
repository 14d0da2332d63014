#include "discover/discover.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include <unistd.h>

#include "discover/git_files.h"
#include "discover/gitignore.h"
#include "discover/glob.h"

namespace obolint {
namespace fs = std::filesystem;

namespace {

// Directories no one wants linted: dependencies, virtualenvs, build output, tool caches.
constexpr std::array<std::string_view, 16> kDefaultSkippedDirs = {
    ".git",  ".hg",  ".svn",          "node_modules", "__pycache__",   ".venv",
    "venv",  ".tox", ".nox",          ".mypy_cache",  ".pytest_cache", ".ruff_cache",
    "build", "dist", "site-packages", ".eggs"};

bool is_default_skipped(std::string_view name) {
  return std::find(kDefaultSkippedDirs.begin(), kDefaultSkippedDirs.end(), name) !=
         kDefaultSkippedDirs.end();
}

bool is_virtualenv(const fs::path& dir) {
  std::error_code ec;
  return fs::exists(dir / "pyvenv.cfg", ec);
}

std::string display_join(const std::string& base, const std::string& rel) {
  if (base.empty() || base == ".") return rel;
  if (base.back() == '/') return base + rel;
  return base + "/" + rel;
}

std::string normalize_arg(const std::string& arg) {
  std::string s = fs::path(arg).lexically_normal().generic_string();
  while (s.size() > 2 && s.rfind("./", 0) == 0) s.erase(0, 2);
  if (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

// --exclude/--include, shared by both ways of listing a directory.
struct Filters {
  const DiscoverOptions& options;

  bool excluded(const std::string& rel, const std::string& display) const {
    for (const auto& g : options.exclude) {
      if (path_matches(g, rel) || path_matches(g, display)) return true;
    }
    return false;
  }
  bool included(const std::string& rel, const std::string& display) const {
    if (options.include.empty()) return true;
    for (const auto& g : options.include) {
      if (path_matches(g, rel) || path_matches(g, display)) return true;
    }
    return false;
  }
};

// Outside a git work tree (or with --no-gitignore): walks the tree, reading .gitignore files on
// the way down. Every entry that is not a directory is handed on, whatever it is (a FIFO, a
// dangling link): reading decides, and explains the skip.
struct Walker {
  Filters filters;
  Discovery& out;
  std::vector<GitignoreRules> ignores;

  bool gitignored(const std::string& rel, bool is_dir) const {
    std::optional<bool> verdict;
    for (const auto& g : ignores) {
      if (auto v = g.match(rel, is_dir)) verdict = v;
    }
    return verdict.value_or(false);
  }

  void skipped(const std::string& display, std::string why) {
    out.notes.push_back({Note::Kind::Skipped, display, 0, 0, std::move(why)});
  }

  bool load_gitignore(const fs::path& dir, const std::string& rel_dir,
                      const std::string& display_dir) {
    if (!filters.options.respect_gitignore) return false;
    std::string problem;
    auto g = GitignoreRules::load(dir / ".gitignore", rel_dir, problem);
    if (!problem.empty()) {
      skipped(display_join(display_dir, ".gitignore"), problem + ": its patterns are not used");
    }
    if (!g) return false;
    ignores.push_back(std::move(*g));
    return true;
  }

  void walk(const fs::path& dir, const std::string& rel_dir, const std::string& display_dir) {
    bool pushed = load_gitignore(dir, rel_dir, display_dir);
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) {
      out.notes.push_back(
          {Note::Kind::Error, display_dir.empty() ? "." : display_dir, 0, 0,
           "cannot read directory: " + ec.message() + "; its files were not scanned"});
      if (pushed) ignores.pop_back();
      return;
    }
    std::vector<fs::directory_entry> entries;
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      if (ec) break;
      entries.push_back(*it);
    }
    if (ec) {
      out.notes.push_back(
          {Note::Kind::Error, display_dir.empty() ? "." : display_dir, 0, 0,
           "cannot list every entry: " + ec.message() + "; some files may not have been scanned"});
    }
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
      return a.path().filename() < b.path().filename();
    });
    for (const auto& e : entries) visit(e, rel_dir, display_dir);
    if (pushed) ignores.pop_back();
  }

  void visit(const fs::directory_entry& e, const std::string& rel_dir,
             const std::string& display_dir) {
    const DiscoverOptions& options = filters.options;
    std::string name = e.path().filename().string();
    std::string rel = rel_dir.empty() ? name : rel_dir + "/" + name;
    std::string display = display_join(display_dir, name);
    std::error_code sec;
    bool is_link = e.is_symlink(sec);
    bool is_dir = e.is_directory(sec);  // follows a link
    if (is_dir) {
      if (name == ".git") return;
      if (options.skip_default_dirs && (is_default_skipped(name) || is_virtualenv(e.path()))) {
        return;
      }
      if (filters.excluded(rel, display) || (options.respect_gitignore && gitignored(rel, true))) {
        return;
      }
      // Never followed: links to directories bring loops and duplicates.
      if (is_link) return skipped(display, "symbolic link to a directory: not followed");
      return walk(e.path(), rel, display);
    }
    if (filters.excluded(rel, display) || !filters.included(rel, display)) return;
    if (options.respect_gitignore && gitignored(rel, false)) return;
    out.files.push_back({display, e.path().native()});
  }
};

// Inside a git work tree: git's own list, then obolint's default skips and globs.
void add_git_listing(const GitListing& listing, const fs::path& dir, const std::string& arg,
                     const DiscoverOptions& options, Discovery& out) {
  Filters filters{options};
  std::string display_dir = arg == "." ? "" : arg;
  std::map<std::string, bool> dir_skipped;  // rel dir -> skipped by default/glob
  auto skipped_dir = [&](const std::string& rel_dir) {
    auto it = dir_skipped.find(rel_dir);
    if (it != dir_skipped.end()) return it->second;
    std::string name = rel_dir.substr(rel_dir.rfind('/') + 1);
    bool skip =
        (options.skip_default_dirs && (is_default_skipped(name) || is_virtualenv(dir / rel_dir))) ||
        filters.excluded(rel_dir, display_join(display_dir, rel_dir));
    dir_skipped.emplace(rel_dir, skip);
    return skip;
  };
  for (const auto& [rel, why] : listing.unreadable) {
    out.notes.push_back({Note::Kind::Error, display_join(display_dir, rel), 0, 0,
                         "cannot read directory: " + why + "; its files were not scanned"});
  }
  if (listing.directory_ignored) {
    out.notes.push_back({Note::Kind::Skipped, arg, 0, 0,
                         "ignored by git (.gitignore or an exclude file): nothing scanned here "
                         "(--no-gitignore scans it)"});
  }
  for (const auto& entry : listing.paths) {
    bool nested = !entry.empty() && entry.back() == '/';
    std::string rel = nested ? entry.substr(0, entry.size() - 1) : entry;
    bool skip = false;
    for (std::size_t slash = rel.find('/'); slash != std::string::npos && !skip;
         slash = rel.find('/', slash + 1)) {
      skip = skipped_dir(rel.substr(0, slash));
    }
    if (skip) continue;
    std::string display = display_join(display_dir, rel);
    if (nested) {
      if (!skipped_dir(rel)) {
        out.notes.push_back({Note::Kind::Skipped, display, 0, 0,
                             "a separate git repository: not scanned (scan it by its own path)"});
      }
      continue;
    }
    if (filters.excluded(rel, display) || !filters.included(rel, display)) continue;
    fs::path p = dir / rel;
    std::error_code ec;
    auto st = fs::symlink_status(p, ec);
    if (ec || !fs::exists(st)) continue;  // tracked but deleted from the work tree
    if (fs::is_directory(st)) {
      out.notes.push_back({Note::Kind::Skipped, display, 0, 0,
                           "a git submodule: not scanned (scan it by its own path)"});
      continue;
    }
    out.files.push_back({display, p});
  }
}

}  // namespace

bool path_matches(std::string_view glob, std::string_view rel) {
  if (glob_match(glob, rel)) return true;
  if (glob.find('/') == std::string_view::npos) {
    // A bare pattern matches the file name or any directory name on the path.
    std::size_t start = 0;
    while (start <= rel.size()) {
      std::size_t end = rel.find('/', start);
      std::string_view part =
          rel.substr(start, end == std::string_view::npos ? rel.npos : end - start);
      if (glob_match(glob, part)) return true;
      if (end == std::string_view::npos) break;
      start = end + 1;
    }
  }
  return false;
}

Discovery discover(const std::vector<std::string>& paths, const DiscoverOptions& options) {
  Discovery out;
  for (const auto& raw : paths) {
    std::string arg = normalize_arg(raw);
    fs::path p(raw);
    std::error_code ec;
    auto status = fs::status(p, ec);
    if (ec || !fs::exists(status)) {
      throw PathError(raw +
                      ": no such file or directory (check the path you passed to obolint scan)");
    }
    if (fs::is_directory(status)) {
      fs::directory_iterator probe(p, ec);
      if (ec) throw PathError(raw + ": cannot read directory: " + ec.message());
      std::string why;
      std::optional<GitListing> listing;
      if (options.respect_gitignore) listing = git_list_files(p, why);
      if (listing) {
        add_git_listing(*listing, p, arg, options, out);
        continue;
      }
      if (!why.empty()) {
        out.notes.push_back({Note::Kind::Skipped, arg, 0, 0,
                             why + ": .gitignore files were read directly instead"});
      }
      Walker w{Filters{options}, out, {}};
      w.walk(p, "", arg == "." ? "" : arg);
    } else {
      if (::access(p.c_str(), R_OK) != 0) {
        throw PathError(raw + ": cannot read file (check its permissions)");
      }
      // Explicit files are scanned even when gitignored (pre-commit passes exactly what changed),
      // but --exclude still applies so configured exclusions hold for hooks too.
      bool excluded = false;
      for (const auto& g : options.exclude) excluded = excluded || path_matches(g, arg);
      if (!excluded) out.files.push_back({arg, p});
    }
  }
  std::sort(out.files.begin(), out.files.end(),
            [](const auto& a, const auto& b) { return a.path < b.path; });
  out.files.erase(std::unique(out.files.begin(), out.files.end(),
                              [](const auto& a, const auto& b) { return a.path == b.path; }),
                  out.files.end());
  return out;
}

Language classify(const fs::path& path, std::string_view head) {
  static const std::set<std::string> kPython = {".py", ".pyi", ".pyw"};
  static const std::set<std::string> kCpp = {".cc", ".cpp", ".cxx", ".c++", ".h",
                                             ".hh", ".hpp", ".hxx", ".ipp"};
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (kPython.count(ext)) return Language::Python;
  if (kCpp.count(ext)) return Language::Cpp;
  if (head.rfind("#!", 0) == 0) {
    std::string_view first = head.substr(0, head.find('\n'));
    if (first.find("python") != std::string_view::npos) return Language::Python;
  }
  return Language::Text;
}

}  // namespace obolint

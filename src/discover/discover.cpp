#include "discover/discover.h"

#include <algorithm>
#include <array>
#include <set>

#include <unistd.h>

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

struct Walker {
  const DiscoverOptions& options;
  Discovery& out;
  std::vector<GitignoreRules> ignores;

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

  bool gitignored(const std::string& rel, bool is_dir) const {
    std::optional<bool> verdict;
    for (const auto& g : ignores) {
      if (auto v = g.match(rel, is_dir)) verdict = v;
    }
    return verdict.value_or(false);
  }

  void walk(const fs::path& dir, const std::string& rel_dir, const std::string& display_dir) {
    std::size_t pushed = 0;
    if (options.respect_gitignore) {
      if (auto g = GitignoreRules::load(dir / ".gitignore", rel_dir)) {
        ignores.push_back(std::move(*g));
        pushed = 1;
      }
    }
    std::error_code ec;
    fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
      out.notes.push_back(
          {Note::Kind::Error, display_dir, 0, 0,
           "cannot read directory: " + ec.message() + "; its files were not scanned"});
      if (pushed) ignores.pop_back();
      return;
    }
    std::vector<fs::directory_entry> entries;
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      if (ec) break;
      entries.push_back(*it);
    }
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
      return a.path().filename() < b.path().filename();
    });
    for (const auto& e : entries) {
      std::string name = e.path().filename().string();
      std::string rel = rel_dir.empty() ? name : rel_dir + "/" + name;
      std::string display = display_join(display_dir, name);
      std::error_code sec;
      bool is_link = e.is_symlink(sec);
      bool is_dir = e.is_directory(sec);
      if (is_dir) {
        if (is_link) continue;  // never follow directory links: loops and duplicates
        if (name == ".git") continue;
        if (options.skip_default_dirs &&
            (std::find(kDefaultSkippedDirs.begin(), kDefaultSkippedDirs.end(), name) !=
                 kDefaultSkippedDirs.end() ||
             is_virtualenv(e.path()))) {
          continue;
        }
        if (excluded(rel, display) || (options.respect_gitignore && gitignored(rel, true)))
          continue;
        walk(e.path(), rel, display);
      } else if (e.is_regular_file(sec)) {
        if (excluded(rel, display) || !included(rel, display)) continue;
        if (options.respect_gitignore && gitignored(rel, false)) continue;
        out.files.push_back({display, e.path()});
      }
    }
    if (pushed) ignores.pop_back();
  }
};

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
  // "dir/**" style patterns also match the directory's files given a leading "./".
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
      Walker w{options, out, {}};
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

// Stage 1: from command-line paths to the list of files to scan, each with its language.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/finding.h"
#include "core/source_file.h"

namespace obolint {

struct DiscoverOptions {
  std::vector<std::string> exclude;  // globs; a match skips the file or the whole directory
  std::vector<std::string> include;  // globs; when set, only matching files are scanned
  bool respect_gitignore = true;
  bool skip_default_dirs = true;  // node_modules, virtualenvs, build output, caches
};

struct DiscoveredFile {
  std::string path;     // display path: the argument joined with the relative path, '/'-separated
  std::string fs_path;  // native path (a std::filesystem::path costs ~600 bytes more per file)
};

struct Discovery {
  std::vector<DiscoveredFile> files;  // sorted by path, no duplicates
  std::vector<Note> notes;            // unreadable directories and the like
};

// An argument path that does not exist or cannot be read (exit status 2).
class PathError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

Discovery discover(const std::vector<std::string>& paths, const DiscoverOptions& options);

// Language by extension, then by `#!` line; everything else is text (secrets only).
Language classify(const std::filesystem::path& path, std::string_view head);

// True when a path (relative, '/'-separated) or its file name matches the glob.
bool path_matches(std::string_view glob, std::string_view rel);

}  // namespace obolint

// The files of one scan by display path, for the analyses that read several files together
// (an app folder's manifest, a bundle's includes, a requirements file's -r includes). Texts the
// reader dropped are read again on demand, once. Only scanned files are seen: what the scan
// excludes (paths, .gitignore, --staged) does not exist here.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/source_file.h"

namespace obolint::apps {

struct ProjectFile {
  std::string path;                                     // display path
  const SourceFile* source = nullptr;                   // the text, when the reader kept it
  std::function<std::unique_ptr<SourceFile>()> reload;  // otherwise: reads it again
};

// Not thread-safe: the analyses using it run on one thread.
class ProjectFiles {
 public:
  explicit ProjectFiles(std::vector<ProjectFile> files);
  // Files already in memory (tests, staged content).
  explicit ProjectFiles(const std::vector<const SourceFile*>& files);

  // The text of `path`, read on demand; null when it is not a scanned file or cannot be read.
  const SourceFile* get(std::string_view path);
  // Display paths of the files whose name (last path component) is one of `names`, sorted.
  std::vector<std::string> named(const std::vector<std::string>& names) const;
  // Every display path, sorted.
  std::vector<std::string> paths() const;

 private:
  std::map<std::string, ProjectFile, std::less<>> by_path_;
  std::map<std::string, std::unique_ptr<SourceFile>, std::less<>> reloaded_;
};

// "a/b/c.txt" -> "a/b"; "c.txt" -> "".
std::string dir_of(std::string_view path);
// "a/b/c.txt" -> "c.txt".
std::string_view file_name(std::string_view path);
// `rel` resolved against folder `dir` and normalized ("a/b" + "../c" -> "a/c"; "" + "." -> "").
std::string join_path(std::string_view dir, std::string_view rel);

}  // namespace obolint::apps

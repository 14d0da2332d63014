// .gitignore rules of one directory: names, globs, anchored patterns, `dir/`, `!negation`.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace obolint {

class GitignoreRules {
 public:
  // Parses gitignore text; `base` is the directory of the file relative to the walk root
  // ("" for the root itself), with '/' separators.
  GitignoreRules(std::string base, std::string_view text);
  // Reads `file` when it is a regular file of at most 4 MiB (a FIFO or /dev/zero planted as
  // .gitignore must neither block nor fill memory). nullopt when there is none or it cannot be
  // used; `problem` then says why, empty when the file simply does not exist.
  static std::optional<GitignoreRules> load(const std::filesystem::path& file, std::string base,
                                            std::string& problem);

  // The verdict of the last matching pattern for `rel` (path relative to the walk root):
  // true ignored, false re-included by `!`, nullopt no pattern matches.
  std::optional<bool> match(std::string_view rel, bool is_dir) const;

 private:
  struct Pattern {
    std::string glob;
    bool negate = false;
    bool dir_only = false;
    bool anchored = false;  // contains a '/' before its end: relative to the .gitignore's dir
  };
  std::string base_;
  std::vector<Pattern> patterns_;
};

}  // namespace obolint

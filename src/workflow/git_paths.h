// Mapping between git's repository-relative paths and obolint's display paths.
#pragma once

#include <filesystem>
#include <string>

namespace obolint {

// `path` (absolute, or relative to `cwd`) as a '/'-separated path relative to `top`, or empty
// when it lies outside `top`. Both are compared canonically (symlinks resolved where they exist).
std::string path_relative_to(const std::string& path, const std::filesystem::path& top,
                             const std::filesystem::path& cwd);

// A repository-relative path shown relative to `cwd` (which is inside `top`), '/'-separated.
std::string display_path_for(const std::string& repo_path, const std::filesystem::path& top,
                             const std::filesystem::path& cwd);

// Undoes git's C-style quoting ("a\tb" with octal escapes) when `s` is quoted.
std::string git_unquote(const std::string& s);

}  // namespace obolint

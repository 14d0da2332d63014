// Reading small files named by the scanned tree (.gitignore, configuration, baselines) safely:
// only regular files, never a blocking open, never more than a bound.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace obolint {

struct ReadFileResult {
  std::optional<std::string> content;  // set when read
  std::string error;                   // why not: "a FIFO", "larger than 1048576 bytes", ...
};

// Reads `path` when it is (or links to) a regular file of at most `max_bytes` bytes. A FIFO,
// device or socket is never read (opened with O_NONBLOCK, checked with fstat); a missing file
// gives error "not found".
ReadFileResult read_regular_file(const std::filesystem::path& path, std::size_t max_bytes);

}  // namespace obolint

// The blobs a range of commits added, for `obolint scan --history`: `git log --raw` streamed
// (earliest commit first), each distinct blob read once through one `git cat-file --batch`.
// Memory stays bounded: one blob at a time, and the ids of the blobs already seen.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

namespace obolint {

struct AddedBlob {
  std::string commit;        // full id of the first commit (in the walk) that added the blob
  std::string short_commit;  // its first ten hex digits
  std::string date;          // the commit's author date, YYYY-MM-DD
  std::string path;          // where that commit put it
  std::string text;          // empty when too_large
  std::uintmax_t size = 0;
  bool too_large = false;  // over the size limit: not read
};

// Calls `visit` for each blob added or modified by the commits of `range` (`git log` syntax, e.g.
// "HEAD", "v1.0..HEAD"; empty: HEAD), in `cwd`. Throws WorkflowError outside a repository, for a
// range git refuses or that starts with '-'.
void for_each_added_blob(const std::string& range, std::uintmax_t max_size,
                         const std::filesystem::path& cwd,
                         const std::function<void(AddedBlob&)>& visit);

}  // namespace obolint

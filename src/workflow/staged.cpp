#include "workflow/staged.h"

#include <charconv>

#include "platform/process.h"

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

std::vector<std::optional<std::string>> read_blobs(const std::vector<std::string>& blob_ids) {
  std::vector<std::optional<std::string>> result(blob_ids.size());
  if (blob_ids.empty()) return result;
  std::string request;
  for (const auto& id : blob_ids) request += id + "\n";
  std::string out = git_output({"cat-file", "--batch"}, {}, request);
  // Each answer: "<oid> blob <size>\n<content>\n" (or "<oid> missing\n").
  std::size_t pos = 0;
  for (auto& content : result) {
    std::size_t eol = out.find('\n', pos);
    if (eol == std::string::npos) break;
    std::string header = out.substr(pos, eol - pos);
    pos = eol + 1;
    std::size_t last_space = header.rfind(' ');
    if (header.find(" blob ") == std::string::npos || last_space == std::string::npos) continue;
    std::size_t size = 0;
    auto [p, ec] =
        std::from_chars(header.data() + last_space + 1, header.data() + header.size(), size);
    if (ec != std::errc() || size > out.size() - pos) break;
    content = out.substr(pos, size);
    pos += size + 1;
  }
  return result;
}

}  // namespace obolint

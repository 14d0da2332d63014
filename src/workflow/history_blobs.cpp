#include "workflow/history_blobs.h"

#include <unordered_set>

#include "platform/child_process.h"
#include "platform/process.h"

namespace obolint {
namespace {

constexpr std::size_t kShortCommit = 10;

// ":<old mode> <new mode> <old id> <new id> <status>" of `git log --raw -z`.
struct RawEntry {
  std::string mode;
  std::string blob;
};

bool parse_raw(const std::string& meta, RawEntry& out) {
  // ":100644 100644 <40 hex> <40 hex> M" (SHA-256 repositories: 64 hex).
  std::size_t a = meta.find(' ');
  std::size_t b = a == std::string::npos ? a : meta.find(' ', a + 1);
  std::size_t c = b == std::string::npos ? b : meta.find(' ', b + 1);
  std::size_t d = c == std::string::npos ? c : meta.find(' ', c + 1);
  if (d == std::string::npos) return false;
  out.mode = meta.substr(a + 1, b - a - 1);
  out.blob = meta.substr(c + 1, d - c - 1);
  return true;
}

class BlobReader {
 public:
  explicit BlobReader(const std::filesystem::path& cwd)
      : git_(git_argv({"cat-file", "--batch"}), cwd, hardened_git_env()) {}

  // Reads blob `id` into `blob` (its text unless over `max_size`); false when git fails.
  bool read(const std::string& id, std::uintmax_t max_size, AddedBlob& blob) {
    std::string header;
    if (!git_.write_all(id + "\n") || !git_.read_until('\n', header)) return false;
    // "<id> blob <size>", or "<id> missing".
    std::size_t sp = header.rfind(' ');
    if (header.find(" blob ") == std::string::npos || sp == std::string::npos) return false;
    blob.size = std::stoull(header.substr(sp + 1));
    blob.too_large = blob.size > max_size;
    blob.text.clear();
    std::string newline;
    return git_.read_exact(blob.size, blob.text, !blob.too_large) && git_.read_exact(1, newline);
  }

 private:
  ChildProcess git_;
};

}  // namespace

void for_each_added_blob(const std::string& range_in, std::uintmax_t max_size,
                         const std::filesystem::path& cwd,
                         const std::function<void(AddedBlob&)>& visit) {
  std::string range = range_in.empty() ? "HEAD" : range_in;
  if (range[0] == '-') throw WorkflowError("--history: a revision range cannot start with '-'");
  // Fails early, with git's message, outside a repository or for an unknown revision.
  git_output({"rev-parse", "--revs-only", "--end-of-options", range}, cwd);
  ChildProcess log(git_argv({"log", "--reverse", "--root", "-m", "--raw", "--no-abbrev",
                             "--no-renames", "--diff-filter=AM", "-z", "--no-color",
                             "--format=commit %H %as", "--end-of-options", range, "--"}),
                   cwd, hardened_git_env());
  BlobReader reader(cwd);
  std::unordered_set<std::string> seen;
  AddedBlob blob;
  RawEntry entry;
  std::string token;
  bool want_path = false;
  while (log.read_until('\0', token)) {
    std::size_t start = token.find_first_not_of('\n');
    std::string_view t =
        start == std::string::npos ? std::string_view() : std::string_view(token).substr(start);
    if (want_path) {
      want_path = false;
      // Gitlinks (submodules) are commits, not blobs; a blob seen before was reported then.
      if (entry.mode == "160000" || !seen.insert(entry.blob).second) continue;
      blob.path = token;
      if (!reader.read(entry.blob, max_size, blob)) {
        throw WorkflowError("git cat-file could not read blob " + entry.blob.substr(0, 12));
      }
      visit(blob);
    } else if (t.starts_with("commit ")) {
      std::string_view rest = t.substr(7);
      std::size_t sp = rest.find(' ');
      blob.commit = rest.substr(0, sp);
      // --no-abbrev (full blob ids) also stops %h: ten digits, unique in any real repository.
      blob.short_commit = blob.commit.substr(0, kShortCommit);
      blob.date = sp == std::string_view::npos ? std::string_view() : rest.substr(sp + 1);
    } else if (t.starts_with(":")) {
      want_path = parse_raw(std::string(t), entry);
    }
  }
  if (int status = log.wait(); status != 0) {
    throw WorkflowError("git log " + range + " failed: " + log.error_text());
  }
}

}  // namespace obolint

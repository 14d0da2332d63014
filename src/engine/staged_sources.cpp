#include "engine/staged_sources.h"

#include <exception>
#include <future>
#include <mutex>
#include <optional>

#include "platform/process.h"
#include "workflow/git_paths.h"
#include "workflow/staged.h"

namespace obolint {
namespace fs = std::filesystem;

namespace {

// What git says about the index: the top of the work tree, the staged files and, when asked
// for, their content (by file).
struct Staged {
  fs::path top;
  std::vector<StagedFile> files;
  std::optional<std::vector<std::optional<std::string>>> blobs;
};

Staged ask_git(const std::vector<std::string>& pathspecs, bool with_blobs) {
  // Two independent git processes, side by side: a pre-commit hook waits for each one's start-up.
  auto top_later = std::async(std::launch::async, [] { return git_toplevel(); });
  Staged out;
  std::exception_ptr failed;
  try {
    out.files = staged_files(pathspecs);
  } catch (...) {
    failed = std::current_exception();
  }
  out.top = top_later.get();  // outside a work tree, that is the error to show
  if (failed) std::rethrow_exception(failed);
  if (with_blobs) {
    std::vector<std::string> ids;
    for (const auto& f : out.files) ids.push_back(f.blob);
    out.blobs = read_blobs(ids);
  }
  return out;
}

// One answer asked for ahead of time (prefetch_staged), taken by the first reader with the same
// pathspecs.
struct Prefetch {
  std::vector<std::string> pathspecs;
  std::future<Staged> answer;
};
std::mutex prefetch_mutex;
std::optional<Prefetch> prefetched;

Staged staged_index(const std::vector<std::string>& pathspecs, bool with_blobs) {
  std::future<Staged> ready;
  {
    std::lock_guard lock(prefetch_mutex);
    if (prefetched && prefetched->pathspecs == pathspecs) ready = std::move(prefetched->answer);
    prefetched.reset();
  }
  return ready.valid() ? ready.get() : ask_git(pathspecs, with_blobs);
}

struct Wanted {
  std::string display;
  std::size_t index = 0;  // in Staged::files
};

bool any_match(const std::vector<std::string>& globs, const std::string& a, const std::string& b) {
  for (const auto& g : globs) {
    if (path_matches(g, a) || path_matches(g, b)) return true;
  }
  return false;
}

std::vector<Wanted> wanted_files(const Staged& staged, const ScanOptions& options) {
  fs::path cwd = fs::current_path();
  const DiscoverOptions& d = options.discover;
  std::vector<Wanted> wanted;
  for (std::size_t i = 0; i < staged.files.size(); ++i) {
    const StagedFile& f = staged.files[i];
    std::string display = display_path_for(f.repo_path, staged.top, cwd);
    if (any_match(d.exclude, display, f.repo_path)) continue;
    if (!d.include.empty() && !any_match(d.include, display, f.repo_path)) continue;
    wanted.push_back({display, i});
  }
  return wanted;
}

}  // namespace

void prefetch_staged(const std::vector<std::string>& pathspecs) {
  std::lock_guard lock(prefetch_mutex);
  prefetched = Prefetch{pathspecs, std::async(std::launch::async, ask_git, pathspecs, true)};
}

std::vector<std::string> staged_display_paths(const std::vector<std::string>& pathspecs,
                                              const ScanOptions& options) {
  Staged staged = staged_index(pathspecs, false);
  std::vector<std::string> out;
  for (auto& w : wanted_files(staged, options)) out.push_back(std::move(w.display));
  return out;
}

Sources read_staged_sources(const std::vector<std::string>& pathspecs, const ScanOptions& options) {
  Sources result;
  Staged staged = staged_index(pathspecs, true);
  std::vector<Wanted> wanted = wanted_files(staged, options);
  std::vector<std::optional<std::string>>& blobs = *staged.blobs;
  for (const auto& w : wanted) {
    const std::string& display = w.display;
    auto skip = [&](std::string why) {
      result.notes.push_back({Note::Kind::Skipped, display, 0, 0, std::move(why)});
      ++result.skipped;
    };
    std::optional<std::string>& blob = blobs[w.index];
    if (!blob) {
      skip("cannot read the staged content");
      continue;
    }
    if (blob->size() > options.max_file_size) {
      skip("larger than --max-file-size (" + std::to_string(blob->size()) + " bytes)");
      continue;
    }
    auto src = make_source(display, std::move(*blob), result.notes);
    if (src) {
      result.files.push_back(std::move(src));
    } else {
      ++result.skipped;
    }
  }
  return result;
}

}  // namespace obolint

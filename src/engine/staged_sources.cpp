#include "engine/staged_sources.h"

#include <exception>
#include <future>

#include "platform/process.h"
#include "workflow/git_paths.h"
#include "workflow/staged.h"

namespace obolint {
namespace fs = std::filesystem;

namespace {

struct Wanted {
  std::string display;
  std::string blob;
};

bool any_match(const std::vector<std::string>& globs, const std::string& a, const std::string& b) {
  for (const auto& g : globs) {
    if (path_matches(g, a) || path_matches(g, b)) return true;
  }
  return false;
}

std::vector<Wanted> wanted_files(const std::vector<std::string>& pathspecs,
                                 const ScanOptions& options) {
  // Two independent git processes, side by side: a pre-commit hook waits for each one's start-up.
  auto top_later = std::async(std::launch::async, [] { return git_toplevel(); });
  std::vector<StagedFile> staged;
  std::exception_ptr failed;
  try {
    staged = staged_files(pathspecs);
  } catch (...) {
    failed = std::current_exception();
  }
  fs::path top = top_later.get();  // outside a work tree, that is the error to show
  if (failed) std::rethrow_exception(failed);
  fs::path cwd = fs::current_path();
  const DiscoverOptions& d = options.discover;
  std::vector<Wanted> wanted;
  for (const auto& f : staged) {
    std::string display = display_path_for(f.repo_path, top, cwd);
    if (any_match(d.exclude, display, f.repo_path)) continue;
    if (!d.include.empty() && !any_match(d.include, display, f.repo_path)) continue;
    wanted.push_back({display, f.blob});
  }
  return wanted;
}

}  // namespace

std::vector<std::string> staged_display_paths(const std::vector<std::string>& pathspecs,
                                              const ScanOptions& options) {
  std::vector<std::string> out;
  for (auto& w : wanted_files(pathspecs, options)) out.push_back(std::move(w.display));
  return out;
}

Sources read_staged_sources(const std::vector<std::string>& pathspecs, const ScanOptions& options) {
  Sources result;
  std::vector<Wanted> wanted = wanted_files(pathspecs, options);
  std::vector<std::string> ids;
  for (const auto& w : wanted) ids.push_back(w.blob);
  std::vector<std::optional<std::string>> blobs = read_blobs(ids);
  for (std::size_t i = 0; i < wanted.size(); ++i) {
    const std::string& display = wanted[i].display;
    auto skip = [&](std::string why) {
      result.notes.push_back({Note::Kind::Skipped, display, 0, 0, std::move(why)});
      ++result.skipped;
    };
    if (!blobs[i]) {
      skip("cannot read the staged content");
      continue;
    }
    if (blobs[i]->size() > options.max_file_size) {
      skip("larger than --max-file-size (" + std::to_string(blobs[i]->size()) + " bytes)");
      continue;
    }
    auto src = make_source(display, std::move(*blobs[i]), result.notes);
    if (src) {
      result.files.push_back(std::move(src));
    } else {
      ++result.skipped;
    }
  }
  return result;
}

}  // namespace obolint

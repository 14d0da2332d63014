#include "engine/scan.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "engine/analyze.h"
#include "engine/suppress.h"

namespace obolint {
namespace {

bool prefix_match(std::string_view id, const std::vector<std::string>& list) {
  return std::any_of(list.begin(), list.end(), [&](const std::string& p) {
    return p == "ALL" || (!p.empty() && id.rfind(p, 0) == 0);
  });
}

bool overlaps(const Span& a, const Span& b) {
  auto before = [](int l1, int c1, int l2, int c2) { return l1 < l2 || (l1 == l2 && c1 < c2); };
  return before(a.line, a.column, b.end_line, b.end_column) &&
         before(b.line, b.column, a.end_line, a.end_column);
}

// Two front ends may report the same problem (the whole-text secret scan and a literal passed as
// access_token=): keep one finding per rule and overlapping span, the first reported.
void remove_overlapping_duplicates(std::vector<Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.path, a.rule_id) < std::tie(b.path, b.rule_id);
  });
  std::vector<Finding> kept;
  kept.reserve(findings.size());
  std::size_t group_start = 0;
  for (auto& f : findings) {
    if (!kept.empty() && (kept.back().path != f.path || kept.back().rule_id != f.rule_id)) {
      group_start = kept.size();
    }
    bool dup = false;
    for (std::size_t i = group_start; i < kept.size() && !dup; ++i) {
      dup = overlaps(kept[i].span, f.span) || kept[i].span == f.span;
    }
    if (!dup) kept.push_back(std::move(f));
  }
  findings = std::move(kept);
}

}  // namespace

bool rule_selected(std::string_view id, const std::vector<std::string>& select,
                   const std::vector<std::string>& ignore) {
  if (!select.empty() && !prefix_match(id, select)) return false;
  return !prefix_match(id, ignore);
}

std::unique_ptr<SourceFile> make_source(const std::string& display_path, std::string content,
                                        std::vector<Note>& notes) {
  std::string_view head = std::string_view(content).substr(0, 8192);
  if (head.find('\0') != std::string_view::npos) {
    notes.push_back({Note::Kind::Skipped, display_path, 0, 0, "binary file skipped"});
    return nullptr;
  }
  Language lang = classify(display_path, head);
  if (!is_valid_utf8(content)) {
    // A token in a Latin-1 file is still a leak: scan the bytes for secrets, skip the parser.
    notes.push_back({Note::Kind::Skipped, display_path, 0, 0,
                     "not valid UTF-8: scanned for secrets only, not parsed"});
    lang = Language::Text;
  }
  return std::make_unique<SourceFile>(display_path, std::move(content), lang);
}

namespace {

// Reads up to `n` bytes at the end of `out`; false on a read error.
bool read_more(int fd, std::string& out, std::size_t n) {
  std::size_t have = out.size();
  out.resize(have + n);
  std::size_t got = 0;
  while (got < n) {
    ssize_t r = ::read(fd, out.data() + have + got, n - got);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) return false;
    if (r == 0) break;  // the file shrank while being read
    got += static_cast<std::size_t>(r);
  }
  out.resize(have + got);
  return true;
}

struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::unique_ptr<SourceFile> read_source(const std::string& display_path,
                                        const std::filesystem::path& fs_path,
                                        std::uintmax_t max_size, std::vector<Note>& notes) {
  auto skip = [&](std::string why) {
    notes.push_back({Note::Kind::Skipped, display_path, 0, 0, std::move(why)});
    return nullptr;
  };
  // O_NONBLOCK: opening a FIFO must not wait for a writer; only regular files are read.
  Fd f{::open(fs_path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)};
  if (f.fd < 0) return skip(std::string("cannot open: ") + std::strerror(errno));
  struct stat st {};
  if (::fstat(f.fd, &st) != 0) return skip(std::string("cannot read: ") + std::strerror(errno));
  if (!S_ISREG(st.st_mode)) return skip("not a regular file");
  auto size = static_cast<std::uintmax_t>(st.st_size);
  if (size > max_size) {
    return skip("larger than --max-file-size (" + std::to_string(size) + " bytes)");
  }
  // The head first: a binary file (most of a tree's bytes, in virtualenvs and build output) is
  // told by its first 8 KiB and never read whole.
  std::string content;
  content.reserve(static_cast<std::size_t>(size));
  constexpr std::size_t kHead = 8192;
  if (!read_more(f.fd, content, std::min<std::size_t>(kHead, size))) {
    return skip(std::string("cannot read: ") + std::strerror(errno));
  }
  if (content.find('\0') != std::string::npos) return skip("binary file skipped");
  if (size > content.size() &&
      !read_more(f.fd, content, static_cast<std::size_t>(size) - content.size())) {
    return skip(std::string("cannot read: ") + std::strerror(errno));
  }
  return make_source(display_path, std::move(content), notes);
}

ScanResult scan(const std::vector<std::string>& paths, const RuleSet& rules,
                const ScanOptions& options) {
  Discovery found = discover(paths, options.discover);
  std::vector<InputFile> inputs;
  inputs.reserve(found.files.size());
  for (auto& f : found.files) inputs.push_back({std::move(f.path), std::move(f.fs_path), nullptr});
  return scan_inputs(std::move(inputs), rules, options, std::move(found.notes), 0);
}

ScanResult scan_sources(std::vector<std::unique_ptr<SourceFile>> sources, const RuleSet& rules,
                        const ScanOptions& options, std::vector<Note> notes, int skipped) {
  std::vector<InputFile> inputs;
  inputs.reserve(sources.size());
  for (auto& s : sources) {
    std::string path = s->path();
    inputs.push_back({std::move(path), {}, std::move(s)});
  }
  return scan_inputs(std::move(inputs), rules, options, std::move(notes), skipped);
}

ScanResult scan_inputs(std::vector<InputFile> inputs, const RuleSet& rules,
                       const ScanOptions& options, std::vector<Note> notes, int skipped) {
  ScanResult result;
  result.notes = std::move(notes);
  Analysis analysis = analyze(std::move(inputs), rules, options);
  result.stats.files_skipped = skipped + analysis.files_skipped;
  result.stats.files_scanned = analysis.files_scanned;
  result.stats.by_language = std::move(analysis.files_by_language);
  result.notes.insert(result.notes.end(), std::make_move_iterator(analysis.notes.begin()),
                      std::make_move_iterator(analysis.notes.end()));
  std::vector<Finding> findings = std::move(analysis.findings);
  std::erase_if(findings, [&](const Finding& f) {
    return !rule_selected(f.rule_id, options.select, options.ignore) ||
           path_ignored(f, options.per_path_ignores);
  });
  remove_overlapping_duplicates(findings);
  apply_suppressions(findings, analysis.kept, analysis.virtuals, rules, options);
  std::sort(findings.begin(), findings.end(), finding_less);
  std::sort(result.notes.begin(), result.notes.end(), [](const Note& a, const Note& b) {
    return std::tie(a.path, a.line, a.column) < std::tie(b.path, b.line, b.column);
  });
  result.findings = std::move(findings);
  for (auto& s : analysis.kept) {
    std::string key = s->path();
    result.files.emplace(std::move(key), std::move(s));
  }
  return result;
}

}  // namespace obolint

#include "engine/snippet.h"

#include <algorithm>

#include "core/redact.h"

namespace obolint {
namespace {

using Range = std::pair<std::size_t, std::size_t>;  // [begin, end) bytes in the line

// Tokens are at most ~100 bytes: scanning this much beyond the window on each side finds every
// token that reaches into it.
constexpr std::size_t kScanMargin = 128;

bool continuation(std::string_view s, std::size_t i) {
  return i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80;
}

// `i` moved back (or forward) to the start of a code point.
std::size_t align_back(std::string_view s, std::size_t i) {
  while (i > 0 && continuation(s, i)) --i;
  return i;
}
std::size_t align_forward(std::string_view s, std::size_t i) {
  while (continuation(s, i)) ++i;
  return std::min(i, s.size());
}

// Moves `from` forward by up to `n` code points.
std::size_t advance_code_points(std::string_view s, std::size_t from, std::size_t n) {
  std::size_t i = from;
  for (std::size_t k = 0; k < n && i < s.size(); ++k) {
    ++i;
    while (continuation(s, i)) ++i;
  }
  return i;
}
std::size_t retreat_code_points(std::string_view s, std::size_t from, std::size_t n) {
  std::size_t i = from;
  for (std::size_t k = 0; k < n && i > 0; ++k) i = align_back(s, i - 1);
  return i;
}

std::vector<Range> merged(std::vector<Range> ranges) {
  std::sort(ranges.begin(), ranges.end());
  std::vector<Range> out;
  for (const auto& r : ranges) {
    if (r.first >= r.second) continue;
    if (!out.empty() && r.first <= out.back().second) {
      out.back().second = std::max(out.back().second, r.second);
    } else {
      out.push_back(r);
    }
  }
  return out;
}

// Byte offsets of sorted 1-based code-point columns, in one pass over the line.
std::map<int, std::size_t> columns_to_bytes(std::string_view line, std::vector<int> columns) {
  std::sort(columns.begin(), columns.end());
  std::map<int, std::size_t> out;
  int cp = 1;
  std::size_t i = 0;
  for (int c : columns) {
    while (i < line.size() && cp < c) {
      ++i;
      while (continuation(line, i)) ++i;
      ++cp;
    }
    out[c] = i;
  }
  return out;
}

}  // namespace

std::string make_snippet(std::string_view line, std::size_t at,
                         const std::vector<Range>& secret_ranges, const SecretScanner& secrets,
                         int& column) {
  at = align_back(line, std::min(at, line.size()));
  std::size_t w0 = retreat_code_points(line, at, kSnippetContext);
  std::size_t w1 = advance_code_points(line, at, 2 * kSnippetContext);
  std::size_t e0 = w0 > kScanMargin ? w0 - kScanMargin : 0;
  std::size_t e1 = std::min(line.size(), w1 + kScanMargin);
  std::vector<Range> found;
  for (const auto& m : secrets.find(line.substr(e0, e1 - e0))) {
    found.emplace_back(e0 + m.begin, e0 + m.end);
  }
  // Known secret spans that reach into the scanned area. They are sorted and disjoint (so their
  // ends are sorted too): start at the first that ends after e0.
  auto first = std::lower_bound(secret_ranges.begin(), secret_ranges.end(), e0,
                                [](const Range& r, std::size_t pos) { return r.second <= pos; });
  for (auto it = first; it != secret_ranges.end() && it->first < e1; ++it) found.push_back(*it);
  std::vector<Range> hide = merged(std::move(found));
  // A secret cut by the window would show part of itself: widen the window to take it whole.
  for (const auto& r : hide) {
    if (r.first < w0 && r.second > w0) w0 = r.first;
    if (r.first < w1 && r.second > w1) w1 = r.second;
  }
  w0 = align_back(line, w0);
  w1 = align_forward(line, w1);
  std::string out;
  if (w0 > 0) out += "\u2026";  // …: the line goes on
  column = 0;
  std::size_t pos = w0;
  auto emit_plain = [&](std::size_t end) {
    if (column == 0 && at >= pos && at < end) {
      column = count_code_points(out) + count_code_points(line.substr(pos, at - pos)) + 1;
    }
    out.append(line.substr(pos, end - pos));
    pos = end;
  };
  for (const auto& r : hide) {
    if (r.second <= w0 || r.first >= w1) continue;
    std::size_t b = std::max(r.first, w0);
    emit_plain(b);
    if (column == 0 && at >= b && at < r.second) column = count_code_points(out) + 1;
    out += redact_secret(line.substr(r.first, r.second - r.first));
    pos = std::min(r.second, w1);
  }
  emit_plain(w1);
  if (column == 0) column = count_code_points(out) + 1;  // at the end of the line
  if (w1 < line.size()) out += "\u2026";
  return out;
}

void attach_snippets(std::vector<Finding>& findings,
                     const std::map<std::string, std::unique_ptr<SourceFile>, std::less<>>& files,
                     const SecretScanner& secrets) {
  // Secret spans per (path, line) as columns: [start column, end column), 0 for "to the end".
  std::map<std::pair<std::string_view, int>, std::vector<std::pair<int, int>>> secret_columns;
  for (const auto& f : findings) {
    if (!f.span_is_secret) continue;
    for (int l = f.span.line; l <= f.span.end_line; ++l) {
      int b = l == f.span.line ? f.span.column : 1;
      int e = l == f.span.end_line ? f.span.end_column : 0;
      secret_columns[{f.path, l}].emplace_back(b, e);
    }
  }
  std::size_t i = 0;
  while (i < findings.size()) {
    // The findings on one line of one file (sorted, so adjacent).
    std::size_t j = i;
    while (j < findings.size() && findings[j].path == findings[i].path &&
           findings[j].span.line == findings[i].span.line) {
      ++j;
    }
    auto file = files.find(findings[i].path);
    std::string_view line =
        file == files.end() ? std::string_view() : file->second->line_text(findings[i].span.line);
    std::vector<int> columns;
    for (std::size_t k = i; k < j; ++k) columns.push_back(findings[k].span.column);
    auto sc = secret_columns.find({findings[i].path, findings[i].span.line});
    if (sc != secret_columns.end()) {
      for (const auto& [b, e] : sc->second) {
        columns.push_back(b);
        if (e > 0) columns.push_back(e);
      }
    }
    std::map<int, std::size_t> bytes = columns_to_bytes(line, columns);
    std::vector<Range> ranges;
    if (sc != secret_columns.end()) {
      for (const auto& [b, e] : sc->second) {
        ranges.emplace_back(bytes[b], e > 0 ? bytes[e] : line.size());
      }
    }
    ranges = merged(std::move(ranges));
    for (std::size_t k = i; k < j; ++k) {
      Finding& f = findings[k];
      f.snippet = make_snippet(line, bytes[f.span.column], ranges, secrets, f.snippet_column);
    }
    i = j;
  }
}

}  // namespace obolint

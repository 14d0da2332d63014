#include "core/source_file.h"

#include <algorithm>
#include <cstring>

namespace obolint {

const char* language_name(Language l) {
  switch (l) {
    case Language::Python:
      return "python";
    case Language::Cpp:
      return "cpp";
    case Language::Text:
      return "text";
  }
  return "text";
}

SourceFile::SourceFile(std::string path, std::string content, Language language)
    : path_(std::move(path)), content_(std::move(content)), language_(language) {}

SourceFile::SourceFile(const SourceFile& other)
    : path_(other.path_), content_(other.content_), language_(other.language_) {}

const std::vector<std::size_t>& SourceFile::starts() const {
  std::call_once(indexed_, [&] {
    line_starts_.push_back(0);
    const char* base = content_.data();
    const char* end = base + content_.size();
    for (const char* p = base; (p = static_cast<const char*>(std::memchr(p, '\n', end - p)));) {
      ++p;
      line_starts_.push_back(static_cast<std::size_t>(p - base));
    }
    code_points_before_.reserve(content_.size() / kCheckpoint + 1);
    std::uint32_t cps = 0;
    for (std::size_t at = 0; at < content_.size(); at += kCheckpoint) {
      code_points_before_.push_back(cps);
      cps += static_cast<std::uint32_t>(
          count_code_points(std::string_view(content_).substr(at, kCheckpoint)));
    }
  });
  return line_starts_;
}

std::size_t SourceFile::code_points_before(std::size_t offset) const {
  starts();  // builds the checkpoints too
  std::size_t k = offset / kCheckpoint;
  if (k >= code_points_before_.size())
    k = code_points_before_.empty() ? 0 : code_points_before_.size() - 1;
  std::size_t base = k * kCheckpoint;
  std::size_t before = code_points_before_.empty() ? 0 : code_points_before_[k];
  return before + static_cast<std::size_t>(count_code_points(
                      std::string_view(content_).substr(base, offset - std::min(base, offset))));
}

int SourceFile::line_of(std::size_t offset) const {
  const auto& ls = starts();
  auto it = std::upper_bound(ls.begin(), ls.end(), offset);
  return static_cast<int>(it - ls.begin());
}

int SourceFile::column_of(std::size_t offset) const {
  offset = std::min(offset, content_.size());
  std::size_t start = starts()[line_of(offset) - 1];
  return static_cast<int>(code_points_before(offset) - code_points_before(start)) + 1;
}

Span SourceFile::span_of(std::size_t begin, std::size_t end) const {
  return Span{line_of(begin), column_of(begin), line_of(end), column_of(end)};
}

std::size_t SourceFile::offset_of(int line, int byte_column0) const {
  if (line < 1) return 0;
  if (line > line_count()) return content_.size();
  return std::min(content_.size(), starts()[line - 1] + static_cast<std::size_t>(byte_column0));
}

Span SourceFile::span_of_points(std::uint32_t row, std::uint32_t col, std::uint32_t end_row,
                                std::uint32_t end_col) const {
  return span_of(offset_of(static_cast<int>(row) + 1, static_cast<int>(col)),
                 offset_of(static_cast<int>(end_row) + 1, static_cast<int>(end_col)));
}

std::string_view SourceFile::line_text(int line) const {
  if (line < 1 || line > line_count()) return {};
  std::size_t start = starts()[line - 1];
  std::size_t end = line < line_count() ? starts()[line] : content_.size();
  std::string_view text = std::string_view(content_).substr(start, end - start);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

int count_code_points(std::string_view bytes) {
  int n = 0;
  for (unsigned char c : bytes) {
    if ((c & 0xC0) != 0x80) ++n;  // every byte that does not continue a sequence starts one
  }
  return n;
}

bool is_valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    // ASCII runs (most source code) eight bytes at a time.
    while (i + 8 <= s.size()) {
      std::uint64_t word;
      std::memcpy(&word, s.data() + i, 8);
      if (word & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= s.size()) break;
    auto c = static_cast<unsigned char>(s[i]);
    int extra;
    std::uint32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      extra = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + extra >= s.size()) return false;
    for (int k = 1; k <= extra; ++k) {
      auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong encodings, surrogates and values past U+10FFFF are invalid.
    if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += extra + 1;
  }
  return true;
}

}  // namespace obolint

// A file's bytes plus a line index to turn byte offsets into 1-based line/column spans.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"

namespace obolint {

enum class Language { Python, Cpp, Text };

const char* language_name(Language l);

class SourceFile {
 public:
  SourceFile(std::string path, std::string content, Language language);
  SourceFile(const SourceFile& other);
  SourceFile& operator=(const SourceFile&) = delete;

  const std::string& path() const { return path_; }
  const std::string& content() const { return content_; }
  Language language() const { return language_; }

  // 1-based line of a byte offset.
  int line_of(std::size_t offset) const;
  // 1-based column, in code points, of a byte offset.
  int column_of(std::size_t offset) const;
  Span span_of(std::size_t begin, std::size_t end) const;
  // Span from 0-based (row, byte column) points as tree-sitter and Clang report them.
  Span span_of_points(std::uint32_t row, std::uint32_t col, std::uint32_t end_row,
                      std::uint32_t end_col) const;
  std::size_t offset_of(int line, int byte_column0) const;
  // Text of a 1-based line without its line terminator.
  std::string_view line_text(int line) const;
  int line_count() const { return static_cast<int>(starts().size()); }

 private:
  // The line index is built on first use (thread-safe): most files of a tree are read, scanned
  // and dropped without any position ever being asked of them.
  const std::vector<std::size_t>& starts() const;

  std::string path_;
  std::string content_;
  Language language_;
  mutable std::once_flag indexed_;
  mutable std::vector<std::size_t> line_starts_;
  // Code points before every kCheckpoint-th byte (built with the line index): column_of costs
  // O(kCheckpoint), not O(line length), so N findings on one multi-megabyte line stay linear.
  static constexpr std::size_t kCheckpoint = 256;
  mutable std::vector<std::uint32_t> code_points_before_;
  std::size_t code_points_before(std::size_t offset) const;
};

// Code points in a UTF-8 byte range (invalid bytes count one each).
int count_code_points(std::string_view bytes);
// True when the bytes are valid UTF-8.
bool is_valid_utf8(std::string_view bytes);

}  // namespace obolint

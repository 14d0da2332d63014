#include "core/toml_limits.h"

#include "core/source_file.h"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

#include "platform/read_file.h"

namespace obolint {
namespace {

// A lexer that knows just enough TOML to tell keys from values: strings and comments are skipped,
// dots are counted in key position (a table header, before `=`, inside an inline table before its
// `=`), brackets opened in value position are counted as nesting.
class LimitScanner {
 public:
  LimitScanner(std::string_view text, std::string_view path) : s_(text), path_(path) {}

  void run() {
    bool line_start = true;
    for (i_ = 0; i_ < s_.size(); ++i_) {
      char c = s_[i_];
      if (c == '\n') {
        ++line_;
        column0_ = i_ + 1;
        line_start = open_.empty();
        in_key_ = line_start;
        parts_ = 1;
        continue;
      }
      if (c == ' ' || c == '\t' || c == '\r') continue;
      if (c == '#') {
        skip_to_line_end();
        continue;
      }
      // TOML allows other than ASCII only in strings and comments. toml++ asks whether such a
      // character elsewhere is whitespace, and its generated table reaches code it marks
      // unreachable for most of them (undefined behaviour; found by the parse fuzz target).
      if (static_cast<unsigned char>(c) >= 0x80)
        fail_at("a character other than ASCII outside a string");
      bool at_line_start = line_start;
      line_start = false;
      if (c == '"' || c == '\'') {
        skip_string(c);
      } else if (c == '[' && at_line_start) {
        in_key_ = true;  // a table header: its name is a dotted key
        parts_ = 1;
        if (i_ + 1 < s_.size() && s_[i_ + 1] == '[') ++i_;
      } else if ((c == ']' || c == '=') && in_key_) {
        in_key_ = false;  // the end of a table header's name, or of a key
      } else if (c == '.' && in_key_) {
        if (++parts_ > kMaxTomlKeyParts)
          fail("a dotted key or table name of more than", kMaxTomlKeyParts, "parts");
      } else if (c == '[' || c == '{') {
        open_.push_back(c);
        if (static_cast<int>(open_.size()) > kMaxTomlNesting)
          fail("more than", kMaxTomlNesting, "nested arrays and inline tables");
        enter_key(c == '{');
      } else if (c == ']' || c == '}') {
        if (!open_.empty()) open_.pop_back();
        in_key_ = false;
      } else if (c == ',') {
        enter_key(!open_.empty() && open_.back() == '{');
      }
    }
  }

 private:
  void enter_key(bool key) {
    in_key_ = key;
    parts_ = 1;
  }

  void skip_to_line_end() {
    while (i_ + 1 < s_.size() && s_[i_ + 1] != '\n') ++i_;
  }

  // From the opening quote to the closing one (multi-line strings too); newlines are counted.
  void skip_string(char quote) {
    bool multi = s_.substr(i_, 3) == std::string(3, quote);
    i_ += multi ? 3 : 1;
    for (; i_ < s_.size(); ++i_) {
      char c = s_[i_];
      if (c == '\\' && quote == '"') {
        ++i_;
        continue;
      }
      if (c == '\n') {
        ++line_;
        column0_ = i_ + 1;
        if (!multi) return;  // unterminated: toml++ reports it
      }
      if (c != quote) continue;
      if (!multi) return;
      if (s_.substr(i_, 3) == std::string(3, quote)) {
        i_ += 2;
        while (i_ + 1 < s_.size() && s_[i_ + 1] == quote) ++i_;  // """a"""" ends after the last
        return;
      }
    }
  }

  [[noreturn]] void fail(const char* what, int limit, const char* unit) {
    fail_at(std::string(what) + " " + std::to_string(limit) + " " + unit);
  }

  [[noreturn]] void fail_at(const std::string& desc) {
    toml::source_position at{static_cast<toml::source_index>(line_),
                             static_cast<toml::source_index>(i_ - column0_ + 1)};
    throw toml::parse_error(desc.c_str(), at, std::make_shared<const std::string>(path_));
  }

  std::string_view s_;
  std::string path_;
  std::size_t i_ = 0;
  std::size_t line_ = 1;
  std::size_t column0_ = 0;  // offset of the current line's start
  bool in_key_ = true;
  int parts_ = 1;
  std::vector<char> open_;
};

// toml++ 3.3 asks of characters it reads whether they are whitespace, and its generated table is
// undefined (code marked unreachable) for most code points from U+00A1 on: found by the parse
// fuzz target, in strings after a line continuation and wherever an error makes it read ahead.
// So it is given ASCII only, with the same meaning: in a basic string a code point becomes its
// \u or \U escape; a literal string holding one becomes the basic string of the same value; in a
// comment it becomes '?'. Other than ASCII outside strings and comments was refused before.
class AsciiForTomlpp {
 public:
  explicit AsciiForTomlpp(std::string_view s) : s_(s) { out_.reserve(s.size()); }

  std::string run() {
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == '#') {
        while (i_ < s_.size() && s_[i_] != '\n') out_ += ascii_or('?');
      } else if (c == '"') {
        basic_string();
      } else if (c == '\'') {
        literal_string();
      } else {
        out_ += c;
        ++i_;
      }
    }
    return std::move(out_);
  }

 private:
  // The byte at i_ when ASCII; else `instead` for the whole code point.
  char ascii_or(char instead) {
    auto c = static_cast<unsigned char>(s_[i_]);
    if (c < 0x80) {
      ++i_;
      return static_cast<char>(c);
    }
    decode();
    return instead;
  }

  // The code point at i_ (valid UTF-8: checked before), i_ moved past it.
  char32_t decode() {
    auto b = static_cast<unsigned char>(s_[i_]);
    int extra = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : 0;
    char32_t cp = extra == 3 ? (b & 0x07u) : extra == 2 ? (b & 0x0Fu) : (b & 0x1Fu);
    if (extra == 0) cp = b;
    ++i_;
    for (int k = 0; k < extra && i_ < s_.size(); ++k, ++i_) {
      cp = (cp << 6) | (static_cast<unsigned char>(s_[i_]) & 0x3Fu);
    }
    return cp;
  }

  void escape(char32_t cp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, cp > 0xFFFF ? "\\U%08X" : "\\u%04X", static_cast<unsigned>(cp));
    out_ += buf;
  }

  std::size_t quotes(char q) const { return s_.substr(i_, 3) == std::string(3, q) ? 3 : 1; }

  void basic_string() {
    std::size_t n = quotes('"');
    out_.append(s_.substr(i_, n));
    i_ += n;
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == '\\' && i_ + 1 < s_.size()) {
        // An escape: the next character is its own. A backslash before other than ASCII is no
        // escape; "\?" keeps it one toml++ refuses (its \u form would be a valid backslash).
        ++i_;
        if (static_cast<unsigned char>(s_[i_]) < 0x80) {
          out_ += s_.substr(i_ - 1, 2);
          ++i_;
        } else {
          out_ += "\\?";
          decode();
        }
      } else if (c == '"' && (n == 1 || s_.substr(i_, 3) == "\"\"\"")) {
        break;
      } else if (c == '\n' && n == 1) {
        return;  // unterminated: toml++ reports it
      } else if (static_cast<unsigned char>(c) >= 0x80) {
        escape(decode());
      } else {
        out_ += c;
        ++i_;
      }
    }
    std::size_t close = std::min(n, s_.size() - std::min(i_, s_.size()));
    out_.append(s_.substr(i_, close));
    i_ += close;
  }

  void literal_string() {
    std::size_t n = quotes('\'');
    std::size_t begin = i_ + n, end = begin;
    while (end < s_.size() && s_[end] != (n == 1 ? '\n' : '\0') &&
           !(s_[end] == '\'' && (n == 1 || s_.substr(end, 3) == "\'\'\'"))) {
      ++end;
    }
    std::string_view body = s_.substr(begin, end - begin);
    bool ascii = std::all_of(body.begin(), body.end(),
                             [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    bool closed = end < s_.size() && s_[end] == '\'';
    if (ascii || !closed) {
      // As written: an unterminated one is toml++'s to report, but other than ASCII in it
      // becomes '?' (toml++ reads ahead into it; the text is an error either way).
      std::size_t stop = closed ? end + n : end;
      while (i_ < stop) out_ += ascii_or('?');
      return;
    }
    // The basic string of the same value: backslashes and quotes escaped, the rest as is.
    out_.append(n, '"');
    for (i_ = begin; i_ < end;) {
      char c = s_[i_];
      if (c == '\\' || c == '"') {
        out_ += '\\';
        out_ += c;
        ++i_;
      } else if (static_cast<unsigned char>(c) >= 0x80) {
        escape(decode());
      } else {
        out_ += c;
        ++i_;
      }
    }
    out_.append(n, '"');
    i_ = end + n;
  }

  std::string_view s_;
  std::size_t i_ = 0;
  std::string out_;
};

}  // namespace

void check_toml_limits(std::string_view text, std::string_view path) {
  LimitScanner(text, path).run();
}

toml::table parse_toml_text(std::string_view text, std::string_view path) {
  // TOML is UTF-8, and toml++ assumes it: some invalid sequences reach code it marks unreachable
  // (undefined behaviour, found by the parse fuzz target). Such a file is an error at its line.
  if (!is_valid_utf8(text)) {
    std::size_t line = 1, begin = 0;
    for (std::size_t end; (end = text.find('\n', begin)) != std::string_view::npos; ++line) {
      if (!is_valid_utf8(text.substr(begin, end - begin))) break;
      begin = end + 1;
    }
    throw toml::parse_error("not valid UTF-8",
                            toml::source_position{static_cast<toml::source_index>(line), 1},
                            std::make_shared<const std::string>(path));
  }
  check_toml_limits(text, path);
  return toml::parse(AsciiForTomlpp(text).run(), path);
}

}  // namespace obolint

namespace obolint {

toml::table parse_toml_file(const std::filesystem::path& file) {
  ReadFileResult read = read_regular_file(file, 4u << 20);
  if (!read.content) {
    throw toml::parse_error(("cannot read: " + read.error).c_str(), toml::source_position{1, 1},
                            std::make_shared<const std::string>(file.string()));
  }
  return parse_toml_text(*read.content, file.string());
}

}  // namespace obolint

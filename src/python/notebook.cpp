#include "python/notebook.h"

#include <algorithm>
#include <map>

namespace obolint {
namespace {

// One string of the raw JSON text, decoded, with the raw offset of every decoded byte.
struct RawString {
  std::string text;
  std::vector<std::size_t> offsets;  // one per byte of `text`
  std::size_t end = 0;               // offset of the closing quote
};

void append_utf8(std::string& out, std::vector<std::size_t>& offs, std::uint32_t cp,
                 std::size_t at) {
  auto put = [&](unsigned v) {
    out.push_back(static_cast<char>(v));
    offs.push_back(at);
  };
  if (cp < 0x80) {
    put(cp);
  } else if (cp < 0x800) {
    put(0xC0 | (cp >> 6));
    put(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    put(0xE0 | (cp >> 12));
    put(0x80 | ((cp >> 6) & 0x3F));
    put(0x80 | (cp & 0x3F));
  } else {
    put(0xF0 | (cp >> 18));
    put(0x80 | ((cp >> 12) & 0x3F));
    put(0x80 | ((cp >> 6) & 0x3F));
    put(0x80 | (cp & 0x3F));
  }
}

// A small JSON reader that keeps the raw offsets of the strings it decodes: nlohmann::json
// forgets where a value was, and findings must point at the .ipynb line holding the source.
class JsonWalker {
 public:
  explicit JsonWalker(std::string_view s) : s_(s) {}

  // Calls on_string(path, string) for every string value; path holds keys and array indices.
  template <class F>
  void walk(F&& on_string) {
    std::vector<std::string> path;
    ws();
    value(path, on_string);
    ws();
    if (i_ != s_.size()) fail("trailing characters after the JSON document");
  }

  const std::string& error() const { return error_; }
  std::size_t error_offset() const { return error_at_; }

 private:
  // After a container element: ',' means another follows, `close` ends the container.
  enum class Next { More, Done, Error };
  Next after_element(char close) {
    ws();
    if (i_ < s_.size() && s_[i_] == ',') {
      ++i_;
      return Next::More;
    }
    if (i_ < s_.size() && s_[i_] == close) {
      ++i_;
      return Next::Done;
    }
    fail(std::string("expected ',' or '") + close + "'");
    return Next::Error;
  }

  void fail(const std::string& what) {
    if (error_.empty()) {
      error_ = what;
      error_at_ = i_;
    }
    i_ = s_.size();
  }
  void ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t'))
      ++i_;
  }
  unsigned hex4(std::size_t at) {
    if (at + 4 > s_.size()) return 0x110000;
    unsigned v = 0;
    for (std::size_t k = at; k < at + 4; ++k) {
      char c = s_[k];
      v <<= 4;
      if (c >= '0' && c <= '9') {
        v |= static_cast<unsigned>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        v |= static_cast<unsigned>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        v |= static_cast<unsigned>(c - 'A' + 10);
      } else {
        return 0x110000;
      }
    }
    return v;
  }
  // Only cell sources and types and the notebook language are decoded: outputs (images in
  // base64, say) are skipped without building their offset tables.
  static bool wanted(const std::vector<std::string>& path) {
    if (path.size() >= 3 && path[0] == "cells")
      return path[2] == "source" || path[2] == "cell_type";
    return path.size() == 3 && path[0] == "metadata";
  }
  void skip_string() {
    ++i_;
    while (i_ < s_.size() && s_[i_] != '"') i_ += s_[i_] == '\\' ? 2 : 1;
    if (i_ >= s_.size()) return fail("unterminated string");
    ++i_;
  }
  RawString string() {
    RawString r;
    ++i_;  // opening quote
    while (i_ < s_.size() && s_[i_] != '"') {
      std::size_t at = i_;
      char c = s_[i_];
      if (c != '\\') {
        r.text.push_back(c);
        r.offsets.push_back(at);
        ++i_;
        continue;
      }
      if (i_ + 1 >= s_.size()) break;
      char e = s_[i_ + 1];
      i_ += 2;
      char out = 0;
      switch (e) {
        case 'n':
          out = '\n';
          break;
        case 't':
          out = '\t';
          break;
        case 'r':
          out = '\r';
          break;
        case 'b':
          out = '\b';
          break;
        case 'f':
          out = '\f';
          break;
        case '/':
          out = '/';
          break;
        case '\\':
          out = '\\';
          break;
        case '"':
          out = '"';
          break;
        case 'u': {
          unsigned cp = hex4(i_);
          if (cp > 0xFFFF) return fail("bad \\u escape in a string"), r;
          i_ += 4;
          if (cp >= 0xD800 && cp <= 0xDBFF && i_ + 6 <= s_.size() && s_[i_] == '\\' &&
              s_[i_ + 1] == 'u') {
            unsigned lo = hex4(i_ + 2);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
              i_ += 6;
            }
          }
          append_utf8(r.text, r.offsets, cp, at);
          continue;
        }
        default:
          return fail("bad escape in a string"), r;
      }
      r.text.push_back(out);
      r.offsets.push_back(at);
    }
    if (i_ >= s_.size()) return fail("unterminated string"), r;
    r.end = i_;
    ++i_;  // closing quote
    return r;
  }
  template <class F>
  void value(std::vector<std::string>& path, F& on_string) {
    if (++depth_ > 200) return fail("nested too deeply");
    ws();
    if (i_ >= s_.size()) return fail("unexpected end of file");
    char c = s_[i_];
    if (c == '{') {
      ++i_;
      ws();
      if (i_ < s_.size() && s_[i_] == '}') {
        ++i_;
      } else {
        while (i_ < s_.size()) {
          ws();
          if (i_ >= s_.size() || s_[i_] != '"') return fail("expected a key");
          RawString key = string();
          ws();
          if (i_ >= s_.size() || s_[i_] != ':') return fail("expected ':'");
          ++i_;
          path.push_back(key.text);
          value(path, on_string);
          path.pop_back();
          if (after_element('}') != Next::More) break;
        }
      }
    } else if (c == '[') {
      ++i_;
      ws();
      if (i_ < s_.size() && s_[i_] == ']') {
        ++i_;
      } else {
        for (int k = 0; i_ < s_.size(); ++k) {
          path.push_back(std::to_string(k));
          value(path, on_string);
          path.pop_back();
          if (after_element(']') != Next::More) break;
        }
      }
    } else if (c == '"') {
      if (!wanted(path)) {
        skip_string();
      } else {
        RawString str = string();
        if (error_.empty()) on_string(path, str);
      }
    } else {
      std::size_t start = i_;
      while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '-' ||
                                s_[i_] == '+' || s_[i_] == '.'))
        ++i_;
      if (i_ == start) fail(std::string("unexpected character '") + c + "'");
    }
    --depth_;
  }

  std::string_view s_;
  std::size_t i_ = 0;
  int depth_ = 0;
  std::string error_;
  std::size_t error_at_ = 0;
};

// The virtual text under construction: lines with their original offsets.
struct Builder {
  std::string text;
  std::vector<std::vector<std::size_t>> offsets;

  // `line` has no terminator; offs has one entry per byte plus the end.
  void add(std::string_view line, std::vector<std::size_t> offs) {
    text.append(line);
    text.push_back('\n');
    offsets.push_back(std::move(offs));
  }
};

// Indentation of a line (spaces and tabs).
std::size_t indent_of(std::string_view line) {
  std::size_t n = 0;
  while (n < line.size() && (line[n] == ' ' || line[n] == '\t')) ++n;
  return n;
}

// IPython syntax that is not Python: `%magic`, `!shell`, `x = !shell`, `x = %magic`.
bool is_ipython_line(std::string_view line) {
  std::string_view rest = line.substr(indent_of(line));
  if (rest.empty()) return false;
  if (rest[0] == '%' || rest[0] == '!') return true;
  // `name = !cmd` / `name.attr = %magic`, matched by hand: linear in the line whatever it holds.
  std::size_t i = 0;
  auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  if (!(std::isalpha(static_cast<unsigned char>(rest[0])) || rest[0] == '_')) return false;
  while (i < rest.size() && (word(rest[i]) || rest[i] == '.')) ++i;
  while (i < rest.size() && std::isspace(static_cast<unsigned char>(rest[i]))) ++i;
  if (i >= rest.size() || rest[i] != '=') return false;
  ++i;
  while (i < rest.size() && std::isspace(static_cast<unsigned char>(rest[i]))) ++i;
  return i < rest.size() && (rest[i] == '!' || rest[i] == '%');
}

// Adds `line` to the builder, replacing IPython syntax by `pass` at the same indentation so the
// block structure (and the line numbering) survives.
void add_code_line(Builder& b, std::string_view line, std::vector<std::size_t> offs) {
  if (!is_ipython_line(line)) {
    b.add(line, std::move(offs));
    return;
  }
  std::size_t ind = indent_of(line);
  std::string repl = std::string(line.substr(0, ind)) + "pass";
  std::vector<std::size_t> o(offs.begin(), offs.begin() + static_cast<std::ptrdiff_t>(ind));
  for (int k = 0; k < 4; ++k) o.push_back(offs[ind]);
  o.push_back(offs.back());
  b.add(repl, std::move(o));
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::unique_ptr<VirtualSource> nullptr_with_note(std::vector<Note>& notes, const SourceFile& f,
                                                 int line, int col, const std::string& msg) {
  notes.push_back({Note::Kind::Skipped, f.path(), line, col, msg});
  return nullptr;
}

struct Cell {
  std::string type;
  std::vector<RawString> pieces;
};

bool build_jupyter(const SourceFile& file, Builder& b, std::vector<Note>& notes) {
  std::map<int, Cell> cells;
  std::string language;
  JsonWalker w(file.content());
  w.walk([&](const std::vector<std::string>& path, RawString& s) {
    if (path.size() >= 3 && path[0] == "cells") {
      int k = std::atoi(path[1].c_str());
      if (path.size() == 3 && path[2] == "cell_type") cells[k].type = s.text;
      if (path[2] == "source" && path.size() <= 4) cells[k].pieces.push_back(std::move(s));
    } else if (path.size() == 3 && path[0] == "metadata" &&
               ((path[1] == "kernelspec" && path[2] == "language") ||
                (path[1] == "language_info" && path[2] == "name"))) {
      language = s.text;
    }
  });
  if (!w.error().empty()) {
    std::size_t at = std::min(w.error_offset(), file.content().size());
    nullptr_with_note(notes, file, file.line_of(at), file.column_of(at),
                      "not a valid notebook (" + w.error() + "): scanned for secrets only");
    return false;
  }
  if (!language.empty()) {
    std::string lower;
    for (char c : language) lower.push_back(static_cast<char>(std::tolower(c)));
    if (lower != "python" && lower != "python3" && lower != "ipython") {
      nullptr_with_note(notes, file, 0, 0,
                        "notebook language is " + language + ": scanned for secrets only");
      return false;
    }
  }
  for (auto& [k, cell] : cells) {
    if (cell.type != "code" || cell.pieces.empty()) continue;
    // The cell's text with the original offset of each byte.
    std::string text;
    std::vector<std::size_t> offs;
    for (const auto& p : cell.pieces) {
      text += p.text;
      offs.insert(offs.end(), p.offsets.begin(), p.offsets.end());
    }
    std::size_t cell_end = cell.pieces.back().end;
    // Lines.
    std::vector<std::pair<std::size_t, std::size_t>> lines;  // [begin, end) byte ranges
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') {
        lines.push_back({start, i});
        start = i + 1;
      }
    }
    if (start < text.size()) lines.push_back({start, text.size()});
    bool skip_cell = false;
    for (std::size_t li = 0; li < lines.size(); ++li) {
      auto [lb, le] = lines[li];
      std::string_view line = std::string_view(text).substr(lb, le - lb);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      std::vector<std::size_t> o(offs.begin() + static_cast<std::ptrdiff_t>(lb),
                                 offs.begin() + static_cast<std::ptrdiff_t>(lb + line.size()));
      o.push_back(le < text.size() ? offs[le] : cell_end);
      if (li == 0 && trim(line).rfind("%%", 0) == 0) {
        std::string_view magic = trim(line).substr(2);
        magic = magic.substr(0, magic.find_first_of(" \t"));
        skip_cell = magic != "python" && magic != "python3";
        b.add("", {o.front()});
        continue;
      }
      if (skip_cell) {
        b.add("", {o.front()});
        continue;
      }
      add_code_line(b, line, std::move(o));
    }
  }
  return true;
}

void build_databricks(const SourceFile& file, Builder& b) {
  int n = file.line_count();
  // A trailing newline leaves an empty last "line": keep the virtual text the same length.
  if (n > 1 && file.content().back() == '\n') --n;
  static const std::string kMagic = "# MAGIC";
  bool python_cell = false;
  bool cell_start = true;
  for (int line = 1; line <= n; ++line) {
    std::string_view text = file.line_text(line);
    std::size_t begin = file.offset_of(line, 0);
    std::vector<std::size_t> identity;
    for (std::size_t i = 0; i <= text.size(); ++i) identity.push_back(begin + i);
    std::string_view t = trim(text);
    if (t == "# COMMAND ----------") {
      python_cell = false;
      cell_start = true;
      b.add(text, std::move(identity));
      continue;
    }
    if (cell_start && !t.empty()) {
      cell_start = false;
      if (text.rfind(kMagic, 0) == 0 && trim(text.substr(kMagic.size())).rfind("%python", 0) == 0) {
        python_cell = true;
        b.add("", {begin});
        continue;
      }
    }
    if (python_cell && text.rfind(kMagic, 0) == 0) {
      std::size_t cut = kMagic.size();
      if (cut < text.size() && text[cut] == ' ') ++cut;
      std::vector<std::size_t> o(identity.begin() + static_cast<std::ptrdiff_t>(cut),
                                 identity.end());
      add_code_line(b, text.substr(cut), std::move(o));
      continue;
    }
    b.add(text, std::move(identity));
  }
}

}  // namespace

NotebookKind notebook_kind(const SourceFile& file) {
  const std::string& p = file.path();
  if (p.size() >= 6) {
    std::string ext = p.substr(p.size() - 6);
    for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (ext == ".ipynb") return NotebookKind::Jupyter;
  }
  if (file.language() == Language::Python) {
    // Only the first line: not the whole file's line index (most Python files are no notebook).
    std::string_view first = file.content();
    first = first.substr(0, first.find('\n'));
    while (!first.empty() && first.back() == '\r') first.remove_suffix(1);
    if (first.rfind("\xEF\xBB\xBF", 0) == 0) first.remove_prefix(3);
    if (trim(first) == "# Databricks notebook source") return NotebookKind::DatabricksSource;
  }
  return NotebookKind::None;
}

std::unique_ptr<VirtualSource> make_virtual_source(const SourceFile& file,
                                                   std::vector<Note>& notes) {
  NotebookKind kind = notebook_kind(file);
  if (kind == NotebookKind::None) return nullptr;
  if (kind == NotebookKind::Jupyter && !is_valid_utf8(file.content())) return nullptr;
  Builder b;
  if (kind == NotebookKind::Jupyter) {
    if (!build_jupyter(file, b, notes)) return nullptr;
  } else {
    build_databricks(file, b);
  }
  auto v = std::make_unique<VirtualSource>();
  v->original_ = &file;
  v->kind_ = kind;
  v->python_ = std::make_unique<SourceFile>(file.path(), std::move(b.text), Language::Python);
  v->offsets_ = std::move(b.offsets);
  return v;
}

std::pair<int, int> VirtualSource::map_point(int line, int column) const {
  if (offsets_.empty()) return {1, 1};
  if (line < 1) line = 1;
  if (line > static_cast<int>(offsets_.size())) {
    // Past the last line (an end position at EOF): the end of the last line.
    line = static_cast<int>(offsets_.size());
    column = 1 << 30;
  }
  const auto& offs = offsets_[static_cast<std::size_t>(line) - 1];
  std::string_view text = python_->line_text(line);
  // Byte index of the code point column.
  std::size_t byte = 0;
  int col = 1;
  while (byte < text.size() && col < column) {
    ++byte;
    while (byte < text.size() && (static_cast<unsigned char>(text[byte]) & 0xC0) == 0x80) ++byte;
    ++col;
  }
  byte = std::min(byte, offs.size() - 1);
  std::size_t off = offs[byte];
  return {original_->line_of(off), original_->column_of(off)};
}

Span VirtualSource::map(const Span& s) const {
  auto [l, c] = map_point(s.line, s.column);
  auto [el, ec] = map_point(s.end_line, s.end_column);
  if (el < l || (el == l && ec < c)) {
    el = l;
    ec = c + 1;
  }
  return Span{l, c, el, ec};
}

void map_virtual_positions(const std::vector<std::unique_ptr<VirtualSource>>& virtuals,
                           std::vector<Finding>& findings, std::size_t from,
                           std::vector<Note>& notes, std::size_t notes_from) {
  if (virtuals.empty()) return;
  std::map<std::string_view, const VirtualSource*> by_path;
  for (const auto& v : virtuals) by_path[v->original().path()] = v.get();
  auto lookup = [&](const std::string& p) -> const VirtualSource* {
    auto it = by_path.find(p);
    return it == by_path.end() ? nullptr : it->second;
  };
  for (std::size_t i = from; i < findings.size(); ++i) {
    Finding& f = findings[i];
    if (const auto* v = lookup(f.path)) f.span = v->map(f.span);
    for (auto& r : f.related) {
      if (const auto* v = lookup(r.path.empty() ? f.path : r.path)) r.span = v->map(r.span);
    }
    for (auto& s : f.flow) {
      if (const auto* v = lookup(s.path.empty() ? f.path : s.path)) s.span = v->map(s.span);
    }
  }
  for (std::size_t i = notes_from; i < notes.size(); ++i) {
    Note& n = notes[i];
    if (n.line <= 0) continue;
    if (const auto* v = lookup(n.path)) {
      auto [l, c] = v->map_point(n.line, std::max(n.column, 1));
      n.line = l;
      n.column = c;
    }
  }
}

}  // namespace obolint

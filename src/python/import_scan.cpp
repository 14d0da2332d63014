#include "python/import_scan.h"

#include <algorithm>
#include <filesystem>

#include "core/literal_set.h"

namespace obolint::py {
namespace {

bool word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

void skip_space(std::string_view s, std::size_t& i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\\' || s[i] == '\n' ||
                          s[i] == '\r' || s[i] == '(')) {
    ++i;
  }
}

// A dotted name at `i` (dots allowed inside; leading dots counted in `dots`).
std::string dotted_at(std::string_view s, std::size_t& i, std::size_t* dots = nullptr) {
  std::size_t lead = 0;
  while (i < s.size() && s[i] == '.') {
    ++lead;
    ++i;
  }
  if (dots) *dots = lead;
  std::size_t begin = i;
  while (i < s.size() && (word_char(s[i]) || s[i] == '.')) ++i;
  return std::string(s.substr(begin, i - begin));
}

bool keyword_at(std::string_view s, std::size_t i, std::string_view kw) {
  return s.substr(i, kw.size()) == kw && i + kw.size() < s.size() &&
         (s[i + kw.size()] == ' ' || s[i + kw.size()] == '\t' || s[i + kw.size()] == '(' ||
          s[i + kw.size()] == '\\');
}

std::string resolve_relative(std::size_t dots, const std::string& rest, const std::string& module,
                             bool is_package) {
  std::string pkg = module;
  for (std::size_t k = is_package ? 1 : 0; k < dots; ++k) {
    auto cut = pkg.rfind('.');
    pkg = cut == std::string::npos ? std::string() : pkg.substr(0, cut);
  }
  if (rest.empty()) return pkg;
  return pkg.empty() ? rest : pkg + "." + rest;
}

// The names after `import` in a `from` statement, up to the end of the statement (a closing
// parenthesis, or the end of the line when there is none). Bounded: at most 200 names.
std::vector<std::string> from_names(std::string_view s, std::size_t i) {
  std::vector<std::string> names;
  bool paren = false;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  if (i < s.size() && s[i] == '(') paren = true;
  while (i < s.size() && names.size() < 200) {
    char c = s[i];
    if (c == ')' || c == '#' || c == ';' || ((c == '\n' || c == '\r') && !paren)) break;
    if (word_char(c)) {
      std::size_t b = i;
      while (i < s.size() && word_char(s[i])) ++i;
      std::string_view w = s.substr(b, i - b);
      if (w != "as") names.emplace_back(w);
      continue;
    }
    ++i;
  }
  return names;
}

}  // namespace

std::string module_name_for_path(const std::string& path) {
  std::filesystem::path p(path);
  p.replace_extension();
  std::string name;
  for (const auto& part : p) {
    std::string s = part.string();
    if (s == "." || s == ".." || s.empty() || s == "/") continue;
    if (!name.empty()) name += '.';
    name += s;
  }
  const std::string init = ".__init__";
  if (name.size() > init.size() &&
      name.compare(name.size() - init.size(), init.size(), init) == 0) {
    name.resize(name.size() - init.size());
  }
  return name;
}

std::vector<std::string> imported_modules(std::string_view text, const std::string& module_name,
                                          bool is_package) {
  std::vector<std::string> out;
  // Every statement holds the word `import`: find those in one SIMD pass, then read the statement
  // from the start of its line.
  static const LiteralSet kImport({"import"}, false);
  std::vector<std::size_t> hits;
  kImport.each_in(text, [&](std::size_t, std::size_t end) {
    hits.push_back(end - 6);
    return true;
  });
  std::size_t skip_to = 0;
  for (std::size_t at : hits) {
    if (at < skip_to) continue;
    std::size_t line = text.rfind('\n', at);
    line = line == std::string_view::npos ? 0 : line + 1;
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    std::size_t i = line;
    while (i < end && (text[i] == ' ' || text[i] == '\t')) ++i;
    if (keyword_at(text, i, "import") && i == at) {
      i += 6;
      // import a.b as c, d
      while (i < end) {
        skip_space(text, i);
        std::string name = dotted_at(text, i);
        if (name.empty()) break;
        out.push_back(name);
        while (i < end && text[i] != ',') ++i;
        if (i < end) ++i;
      }
    } else if (keyword_at(text, i, "from")) {
      i += 4;
      skip_space(text, i);
      std::size_t dots = 0;
      std::string base = dotted_at(text, i, &dots);
      if (dots > 0) base = resolve_relative(dots, base, module_name, is_package);
      if (!base.empty()) out.push_back(base);
      if (!base.empty() || dots > 0) {
        for (const auto& n : from_names(text, at + 6)) {
          if (n != "*") out.push_back(base.empty() ? n : base + "." + n);
        }
      }
    }
    skip_to = end;
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace obolint::py

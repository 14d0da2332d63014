#include "discover/glob.h"

namespace obolint {
namespace {

// Matches a [...] class at p[0] against c; sets `len` to the class's length in the pattern.
bool match_class(std::string_view p, char c, std::size_t& len, bool& ok) {
  std::size_t i = 1;
  bool negate = i < p.size() && (p[i] == '!' || p[i] == '^');
  if (negate) ++i;
  bool matched = false;
  std::size_t first = i;
  for (; i < p.size() && (p[i] != ']' || i == first); ++i) {
    if (i + 2 < p.size() && p[i + 1] == '-' && p[i + 2] != ']') {
      if (c >= p[i] && c <= p[i + 2]) matched = true;
      i += 2;
    } else if (p[i] == c) {
      matched = true;
    }
  }
  if (i >= p.size()) {  // unterminated: treat '[' literally
    ok = false;
    return false;
  }
  ok = true;
  len = i + 1;
  return matched != negate;
}

bool match_from(std::string_view p, std::string_view s) {
  while (!p.empty()) {
    if (p.size() >= 2 && p[0] == '*' && p[1] == '*') {
      // "**/" matches zero or more directories; a trailing "**" matches everything.
      std::string_view rest = p.substr(2);
      if (!rest.empty() && rest[0] == '/') {
        rest.remove_prefix(1);
        if (match_from(rest, s)) return true;
        for (std::size_t i = 0; i < s.size(); ++i) {
          if (s[i] == '/' && match_from(rest, s.substr(i + 1))) return true;
        }
        return false;
      }
      for (std::size_t i = 0; i <= s.size(); ++i) {
        if (match_from(rest, s.substr(i))) return true;
      }
      return false;
    }
    char c = p[0];
    if (c == '*') {
      std::string_view rest = p.substr(1);
      for (std::size_t i = 0; i <= s.size(); ++i) {
        if (match_from(rest, s.substr(i))) return true;
        if (i < s.size() && s[i] == '/') return false;
      }
      return false;
    }
    if (s.empty()) return false;
    if (c == '?') {
      if (s[0] == '/') return false;
    } else if (c == '[') {
      std::size_t len = 0;
      bool ok = false;
      bool m = match_class(p, s[0], len, ok);
      if (ok) {
        if (!m || s[0] == '/') return false;
        p.remove_prefix(len);
        s.remove_prefix(1);
        continue;
      }
      if (s[0] != '[') return false;
    } else if (c == '\\' && p.size() > 1) {
      if (s[0] != p[1]) return false;
      p.remove_prefix(1);
    } else if (c != s[0]) {
      return false;
    }
    p.remove_prefix(1);
    s.remove_prefix(1);
  }
  return s.empty();
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
  return match_from(pattern, path);
}

}  // namespace obolint

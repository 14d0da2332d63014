#include "discover/glob.h"

#include <vector>

namespace obolint {
namespace {

// One element of a compiled pattern.
struct Token {
  enum Kind { Literal, AnyChar, Class, Star, DoubleStar, DoubleStarSlash } kind = Literal;
  char c = 0;              // Literal
  std::string_view klass;  // Class: the pattern text from '[' to ']'
};

// Matches a [...] class (text from '[' to ']') against c.
bool class_matches(std::string_view p, char c) {
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
  return matched != negate;
}

// Length of the [...] class at p[0], or 0 when it is unterminated (then '[' is literal).
std::size_t class_length(std::string_view p) {
  std::size_t i = 1;
  if (i < p.size() && (p[i] == '!' || p[i] == '^')) ++i;
  std::size_t first = i;
  for (; i < p.size() && (p[i] != ']' || i == first); ++i) {
    if (i + 2 < p.size() && p[i + 1] == '-' && p[i + 2] != ']') i += 2;
  }
  return i < p.size() ? i + 1 : 0;
}

std::vector<Token> compile(std::string_view p) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < p.size()) {
    Token t;
    if (p[i] == '*' && i + 1 < p.size() && p[i + 1] == '*') {
      if (i + 2 < p.size() && p[i + 2] == '/') {
        t.kind = Token::DoubleStarSlash;  // zero or more whole directories
        i += 3;
      } else {
        t.kind = Token::DoubleStar;  // anything, '/' included ("***" is the same)
        i += 2;
        while (i < p.size() && p[i] == '*') ++i;
      }
    } else if (p[i] == '*') {
      t.kind = Token::Star;
      while (i < p.size() && p[i] == '*' && !(i + 1 < p.size() && p[i + 1] == '*')) ++i;
    } else if (p[i] == '?') {
      t.kind = Token::AnyChar;
      ++i;
    } else if (p[i] == '[' && class_length(p.substr(i)) > 0) {
      std::size_t len = class_length(p.substr(i));
      t.kind = Token::Class;
      t.klass = p.substr(i, len);
      i += len;
    } else if (p[i] == '\\' && i + 1 < p.size()) {
      t.c = p[i + 1];
      i += 2;
    } else {
      t.c = p[i];
      ++i;
    }
    out.push_back(t);
  }
  return out;
}

}  // namespace

// Dynamic programming over (token, position): row k says which suffixes of `path` the tokens
// from k on match. Time O(tokens x length), memory O(length), whatever the pattern: no
// backtracking, so `*a*a*a*a*b` against a long name stays fast.
bool glob_match(std::string_view pattern, std::string_view path) {
  std::vector<Token> tokens = compile(pattern);
  std::size_t m = path.size();
  std::vector<char> next(m + 1, 0), cur(m + 1, 0);
  next[m] = 1;  // no tokens left: only the empty suffix matches
  for (std::size_t k = tokens.size(); k-- > 0;) {
    const Token& t = tokens[k];
    switch (t.kind) {
      case Token::Star:  // any run without '/'
        cur[m] = next[m];
        for (std::size_t j = m; j-- > 0;) cur[j] = next[j] || (path[j] != '/' && cur[j + 1]);
        break;
      case Token::DoubleStar: {  // any run at all
        char any = 0;
        for (std::size_t j = m + 1; j-- > 0;) cur[j] = any = static_cast<char>(any || next[j]);
        break;
      }
      case Token::DoubleStarSlash: {  // "" or anything that ends with '/'
        char after_slash = 0;
        for (std::size_t j = m + 1; j-- > 0;) {
          if (j < m && path[j] == '/' && next[j + 1]) after_slash = 1;
          cur[j] = static_cast<char>(next[j] || after_slash);
        }
        break;
      }
      default:
        cur[m] = 0;
        for (std::size_t j = 0; j < m; ++j) {
          char c = path[j];
          bool one = t.kind == Token::AnyChar ? c != '/'
                     : t.kind == Token::Class ? c != '/' && class_matches(t.klass, c)
                                              : c == t.c;
          cur[j] = static_cast<char>(one && next[j + 1]);
        }
    }
    std::swap(cur, next);
  }
  return next[0] != 0;
}

}  // namespace obolint

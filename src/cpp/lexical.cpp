#include "cpp/lexical.h"

#include <algorithm>

#include <clang/Basic/LangOptions.h>
#include <clang/Basic/TokenKinds.h>
#include <clang/Lex/Lexer.h>
#include <clang/Lex/Token.h>

namespace obolint::cpp {
namespace {

struct Tok {
  clang::tok::TokenKind kind;
  std::size_t begin;
  std::size_t end;
};

bool is_string(const Tok& t) {
  return clang::tok::isStringLiteral(t.kind);
}

// Skips one operand of `+` (a name with member accesses, calls and subscripts, or a parenthesized
// expression); returns the index after it, or `k` when nothing looks like an operand.
std::size_t skip_operand(const std::vector<Tok>& toks, std::size_t k) {
  std::size_t n = toks.size();
  std::size_t start = k;
  while (k < n) {
    auto kind = toks[k].kind;
    if (kind == clang::tok::raw_identifier || kind == clang::tok::coloncolon ||
        kind == clang::tok::period || kind == clang::tok::arrow ||
        kind == clang::tok::numeric_constant) {
      ++k;
    } else if (kind == clang::tok::l_paren || kind == clang::tok::l_square ||
               kind == clang::tok::l_brace) {
      int depth = 0;
      while (k < n) {
        auto kk = toks[k].kind;
        if (kk == clang::tok::l_paren || kk == clang::tok::l_square || kk == clang::tok::l_brace) {
          ++depth;
        } else if (kk == clang::tok::r_paren || kk == clang::tok::r_square ||
                   kk == clang::tok::r_brace) {
          if (--depth == 0) break;
        }
        ++k;
      }
      if (k < n) ++k;
    } else {
      break;
    }
  }
  return k == start ? start : k;
}

}  // namespace

namespace {

// Strings joined by adjacency and `+` from token i (a string literal); returns the index after.
std::size_t plus_chain(const std::vector<Tok>& toks, const std::string& content, std::size_t i,
                       Chain& c, std::vector<bool>& consumed) {
  std::size_t n = toks.size();
  std::size_t j = i;
  while (true) {
    while (j < n && is_string(toks[j])) {
      cook_string_literal(content, toks[j].begin, toks[j].end, c);
      consumed[j] = true;
      ++j;
    }
    if (j < n && toks[j].kind == clang::tok::plus && j + 1 < n) {
      std::size_t k = j + 1;
      if (is_string(toks[k])) {
        j = k;
        continue;
      }
      std::size_t after = skip_operand(toks, k);
      if (after != k) {
        c.add_placeholder(toks[k].begin);
        j = after;
        continue;
      }
    }
    break;
  }
  return j;
}

// NAME(arg, ...) for a concat or format call: one chain of its arguments.
bool call_chain(const std::vector<Tok>& toks, const std::string& content, std::size_t i,
                const CppRules& rules, Chain& out, std::vector<bool>& consumed) {
  std::size_t n = toks.size();
  if (toks[i].kind != clang::tok::raw_identifier || i + 1 >= n ||
      toks[i + 1].kind != clang::tok::l_paren) {
    return false;
  }
  std::string name = content.substr(toks[i].begin, toks[i].end - toks[i].begin);
  bool format = std::find(rules.format_calls.begin(), rules.format_calls.end(), name) !=
                rules.format_calls.end();
  if (!format && !rules.is_string_call(name)) return false;
  // Split the arguments at top-level commas.
  std::vector<std::pair<std::size_t, std::size_t>> args;
  std::size_t start = i + 2;
  int depth = 0;
  std::size_t k = i + 2;
  for (; k < n; ++k) {
    auto kind = toks[k].kind;
    if (kind == clang::tok::l_paren || kind == clang::tok::l_square ||
        kind == clang::tok::l_brace) {
      ++depth;
    } else if (kind == clang::tok::r_paren || kind == clang::tok::r_square ||
               kind == clang::tok::r_brace) {
      if (depth == 0) break;
      --depth;
    } else if (kind == clang::tok::comma && depth == 0) {
      args.emplace_back(start, k);
      start = k + 1;
    }
  }
  if (k >= n) return false;
  if (start < k) args.emplace_back(start, k);
  std::vector<Chain> chains;
  std::vector<bool> literal;
  for (const auto& [a, b] : args) {
    Chain c;
    bool lit = false;
    if (b == a + 1 && toks[a].kind == clang::tok::numeric_constant) {
      for (std::size_t p = toks[a].begin; p < toks[a].end; ++p) {
        c.text.push_back(content[p]);
        c.src_begin.push_back(p);
        c.src_end.push_back(p + 1);
      }
    } else if (is_string(toks[a])) {
      std::vector<bool> used(consumed.size(), false);
      Chain s;
      if (plus_chain(toks, content, a, s, used) == b) {
        c = std::move(s);
        lit = true;
        for (std::size_t t = a; t < b; ++t) {
          if (used[t]) consumed[t] = true;
        }
      } else {
        c.add_placeholder(toks[a].begin);
      }
    } else {
      c.add_placeholder(toks[a].begin);
    }
    chains.push_back(std::move(c));
    literal.push_back(lit);
  }
  if (format) {
    std::size_t f = 0;
    while (f < chains.size() && !literal[f]) ++f;
    if (f < chains.size()) {
      std::vector<Chain> rest(chains.begin() + static_cast<std::ptrdiff_t>(f) + 1, chains.end());
      substitute_format(chains[f], rest, out);
      return true;
    }
  }
  for (const auto& c : chains) out.append(c);
  return true;
}

}  // namespace

std::vector<Chain> lexical_chains(const std::string& content, const CppRules& rules) {
  clang::LangOptions lo;
  lo.CPlusPlus = lo.CPlusPlus11 = lo.CPlusPlus14 = lo.CPlusPlus17 = lo.CPlusPlus20 = true;
  lo.LineComment = true;
  lo.Bool = true;
  lo.WChar = true;
  lo.Char8 = true;
  lo.DoubleSquareBracketAttributes = true;
  const char* start = content.c_str();
  clang::Lexer lexer(clang::SourceLocation(), lo, start, start, start + content.size());
  lexer.SetCommentRetentionState(false);
  std::vector<Tok> toks;
  clang::Token tok;
  while (true) {
    bool eof = lexer.LexFromRawLexer(tok);
    if (tok.is(clang::tok::eof)) break;
    std::size_t end = static_cast<std::size_t>(lexer.getBufferLocation() - start);
    std::size_t len = tok.getLength();
    toks.push_back({tok.getKind(), end >= len ? end - len : 0, end});
    if (eof) break;
  }
  std::vector<Chain> chains;
  std::size_t n = toks.size();
  std::vector<bool> consumed(n, false);
  // Calls first: their string arguments belong to the call's chain.
  for (std::size_t i = 0; i < n; ++i) {
    Chain c;
    if (call_chain(toks, content, i, rules, c, consumed) && !c.tokens.empty()) {
      chains.push_back(std::move(c));
    }
  }
  std::size_t i = 0;
  while (i < n) {
    // {"key", "value"}: one chain "key: value" (form fields, header pairs).
    if (toks[i].kind == clang::tok::l_brace) {
      std::size_t k = i + 1;
      while (k < n && is_string(toks[k])) ++k;
      std::size_t m = k + 1;
      while (m < n && is_string(toks[m])) ++m;
      if (k > i + 1 && k < n && toks[k].kind == clang::tok::comma && m > k + 1 && m < n &&
          toks[m].kind == clang::tok::r_brace) {
        Chain c;
        for (std::size_t t = i + 1; t < k; ++t) {
          cook_string_literal(content, toks[t].begin, toks[t].end, c);
        }
        for (char ch : std::string(": ")) {
          c.text.push_back(ch);
          c.src_begin.push_back(toks[k].begin);
          c.src_end.push_back(toks[k].begin);
        }
        for (std::size_t t = k + 1; t < m; ++t) {
          cook_string_literal(content, toks[t].begin, toks[t].end, c);
        }
        chains.push_back(std::move(c));
        i = m + 1;
        continue;
      }
    }
    if (!is_string(toks[i]) || consumed[i]) {
      ++i;
      continue;
    }
    Chain c;
    if (i > 0 && toks[i - 1].kind == clang::tok::plus) c.add_placeholder(toks[i - 1].begin);
    std::size_t j = plus_chain(toks, content, i, c, consumed);
    chains.push_back(std::move(c));
    i = j > i ? j : i + 1;
  }
  return chains;
}

}  // namespace obolint::cpp

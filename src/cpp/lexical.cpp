#include "cpp/lexical.h"

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

std::vector<Chain> lexical_chains(const std::string& content) {
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
    if (!is_string(toks[i])) {
      ++i;
      continue;
    }
    Chain c;
    if (i > 0 && toks[i - 1].kind == clang::tok::plus) c.add_placeholder(toks[i - 1].begin);
    std::size_t j = i;
    while (true) {
      while (j < n && is_string(toks[j])) {
        cook_string_literal(content, toks[j].begin, toks[j].end, c);
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
    chains.push_back(std::move(c));
    i = j > i ? j : i + 1;
  }
  return chains;
}

}  // namespace obolint::cpp

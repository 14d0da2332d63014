#include "cpp/cpp_rules.h"

#include <algorithm>

#include "core/regex.h"
#include "core/reporter.h"
#include "cpp/text_util.h"

namespace obolint::cpp {

void Chain::add_placeholder(std::size_t at) {
  text.push_back(kPlaceholder);
  src_begin.push_back(at);
  src_end.push_back(at);
}

void Chain::append(const Chain& other) {
  text += other.text;
  src_begin.insert(src_begin.end(), other.src_begin.begin(), other.src_begin.end());
  src_end.insert(src_end.end(), other.src_end.begin(), other.src_end.end());
  tokens.insert(tokens.end(), other.tokens.begin(), other.tokens.end());
}

void substitute_format(const Chain& format, const std::vector<Chain>& args, Chain& out) {
  std::size_t next = 0;
  const std::string& t = format.text;
  auto copy = [&](std::size_t i) {
    out.text.push_back(t[i]);
    out.src_begin.push_back(format.src_begin[i]);
    out.src_end.push_back(format.src_end[i]);
  };
  out.tokens.insert(out.tokens.end(), format.tokens.begin(), format.tokens.end());
  for (std::size_t i = 0; i < t.size(); ++i) {
    if ((t[i] == '{' || t[i] == '}') && i + 1 < t.size() && t[i + 1] == t[i]) {
      copy(i++);
      continue;
    }
    if (t[i] == '{') {
      std::size_t close = t.find('}', i);
      if (close != std::string::npos) {
        if (next < args.size()) {
          out.append(args[next++]);
        } else {
          out.add_placeholder(format.src_begin[i]);
        }
        i = close;
        continue;
      }
    }
    copy(i);
  }
  for (; next < args.size(); ++next)
    out.tokens.insert(out.tokens.end(), args[next].tokens.begin(), args[next].tokens.end());
}

bool CppRules::is_string_call(const std::string& name) const {
  return std::find(concat_calls.begin(), concat_calls.end(), name) != concat_calls.end() ||
         std::find(format_calls.begin(), format_calls.end(), name) != format_calls.end();
}

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | ((cp >> 18) & 0x07)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Decodes the escape sequence at s[j] (a backslash) into `bytes`; returns the index after it.
std::size_t decode_escape(std::string_view s, std::size_t j, std::string& bytes) {
  char c = s[j + 1];
  j += 2;
  switch (c) {
    case 'n':
      bytes = "\n";
      break;
    case 't':
      bytes = "\t";
      break;
    case 'r':
      bytes = "\r";
      break;
    case 'a':
      bytes = "\a";
      break;
    case 'b':
      bytes = "\b";
      break;
    case 'f':
      bytes = "\f";
      break;
    case 'v':
      bytes = "\v";
      break;
    case '\n':
      break;  // line splice
    case '\r':
      if (j < s.size() && s[j] == '\n') ++j;
      break;
    case 'x': {
      std::uint32_t v = 0;
      while (j < s.size() && hex_value(s[j]) >= 0) v = v * 16 + hex_value(s[j++]);
      if (v < 0x100) {
        bytes.push_back(static_cast<char>(v));
      } else {
        append_utf8(bytes, v);
      }
      break;
    }
    case 'u':
    case 'U': {
      std::size_t digits = c == 'u' ? 4 : 8;
      std::uint32_t v = 0;
      for (std::size_t k = 0; k < digits && j < s.size() && hex_value(s[j]) >= 0; ++k) {
        v = v * 16 + hex_value(s[j++]);
      }
      append_utf8(bytes, v);
      break;
    }
    case 'N':
      while (j < s.size() && s[j] != '}' && s[j] != '"') ++j;
      if (j < s.size() && s[j] == '}') ++j;
      bytes = "?";
      break;
    default:
      if (c >= '0' && c <= '7') {
        std::uint32_t v = static_cast<std::uint32_t>(c - '0');
        for (int k = 0; k < 2 && j < s.size() && s[j] >= '0' && s[j] <= '7'; ++k) {
          v = v * 8 + static_cast<std::uint32_t>(s[j++] - '0');
        }
        bytes.push_back(static_cast<char>(v & 0xFF));
      } else {
        bytes.push_back(c);  // \\ \" \' \? and unknown escapes
      }
  }
  return j;
}

}  // namespace

bool cook_string_literal(std::string_view content, std::size_t begin, std::size_t end, Chain& out) {
  if (begin >= end || end > content.size()) return false;
  std::string_view s = content.substr(begin, end - begin);
  std::size_t i = 0;
  if (s.rfind("u8", 0) == 0) {
    i = 2;
  } else if (!s.empty() && (s[0] == 'u' || s[0] == 'U' || s[0] == 'L')) {
    i = 1;
  }
  bool raw = false;
  if (i < s.size() && s[i] == 'R') {
    raw = true;
    ++i;
  }
  if (i >= s.size() || s[i] != '"') return false;
  auto emit = [&](std::string_view bytes, std::size_t from, std::size_t to) {
    for (char c : bytes) {
      out.text.push_back(c);
      out.src_begin.push_back(begin + from);
      out.src_end.push_back(begin + to);
    }
  };
  out.tokens.push_back(begin);
  if (raw) {
    std::size_t paren = s.find('(', i + 1);
    if (paren == std::string_view::npos) return true;
    std::string closing = ")" + std::string(s.substr(i + 1, paren - i - 1)) + "\"";
    std::size_t close = s.rfind(closing);
    if (close == std::string_view::npos || close < paren) close = s.size();
    for (std::size_t j = paren + 1; j < close; ++j) emit(s.substr(j, 1), j, j + 1);
    return true;
  }
  std::size_t j = i + 1;
  while (j < s.size() && s[j] != '"') {
    if (s[j] != '\\' || j + 1 >= s.size()) {
      emit(s.substr(j, 1), j, j + 1);
      ++j;
      continue;
    }
    std::size_t start = j;
    std::string bytes;
    j = decode_escape(s, j, bytes);
    emit(bytes, start, j);
  }
  return true;
}

namespace {

std::vector<const Regex*> regex_list(const RuleSet& rules,
                                     const toml::node_view<const toml::node>& node) {
  std::vector<const Regex*> out;
  for (const auto& p : string_array(node)) out.push_back(&rules.regex(p));
  return out;
}

const Regex* optional_regex(const RuleSet& rules, const toml::node_view<const toml::node>& node) {
  auto p = node.value<std::string>();
  return p ? &rules.regex(*p) : nullptr;
}

std::vector<std::string> lower_list(std::vector<std::string> v) {
  for (auto& s : v) s = to_lower(s);
  return v;
}

bool file_scope(const toml::node_view<const toml::node>& node) {
  return string_or(node, "expression") == "file";
}

void add_unique(std::vector<std::string>& to, const std::vector<std::string>& from) {
  for (const auto& s : from) {
    if (!s.empty() && std::find(to.begin(), to.end(), s) == to.end()) to.push_back(s);
  }
}

}  // namespace

CppRules CppRules::load(const RuleSet& rules, const std::vector<const RuleDef*>& active) {
  // The shapes were checked by the RuleSet's schema: required keys are present here.
  CppRules out;
  const auto& lang = rules.language("cpp");
  add_unique(out.concat_calls, string_array(lang["strings"]["concat_calls"]));
  add_unique(out.format_calls, string_array(lang["strings"]["format_calls"]));
  for (const RuleDef* active_rule : active) {
    const RuleDef& rule = *active_rule;
    const auto* cpp = rule.data["cpp"].as_table();
    if (!cpp) continue;
    if (const auto* lits = (*cpp)["literal"].as_array()) {
      for (const auto& node : *lits) {
        const auto& t = *node.as_table();
        LiteralRule lr;
        lr.rule = &rule;
        lr.description = string_or(t["description"]);
        lr.regex = &rules.regex(string_or(t["regex"]));
        lr.report_group = static_cast<int>(t["report_group"].value_or(0));
        if (lr.report_group < 0 || lr.report_group > lr.regex->group_count()) {
          throw RuleError(rule.source.string() + ": [[cpp.literal]] report_group " +
                          std::to_string(lr.report_group) + " is not a group of '" +
                          lr.regex->pattern() + "'");
        }
        lr.keywords = lower_list(string_array(t["keywords"]));
        lr.context = regex_list(rules, t["context"]);
        lr.context_in_file = file_scope(t["context_scope"]);
        lr.unless = regex_list(rules, t["unless"]);
        std::string unless_scope = string_or(t["unless_scope"], "expression");
        lr.unless_scope = unless_scope == "file"       ? LiteralRule::Scope::File
                          : unless_scope == "function" ? LiteralRule::Scope::Function
                                                       : LiteralRule::Scope::Expression;
        lr.unless_not = regex_list(rules, t["unless_not"]);
        lr.secret = t["secret"].value_or(false);
        lr.exclude_value = optional_regex(rules, t["exclude_value"]);
        out.literals.push_back(std::move(lr));
      }
    }
    if (const auto* ms = (*cpp)["matcher"].as_array()) {
      for (const auto& node : *ms) {
        const auto& t = *node.as_table();
        MatcherRule mr;
        mr.rule = &rule;
        mr.description = string_or(t["description"]);
        mr.matcher = string_or(t["matcher"]);
        mr.keywords = lower_list(string_array(t["keywords"]));
        mr.literal_regex = optional_regex(rules, t["literal_regex"]);
        mr.secret = t["secret"].value_or(false);
        out.matchers.push_back(std::move(mr));
      }
    }
  }
  out.token = TokenKnowledge::load(rules);
  return out;
}

LiteralEvaluator::LiteralEvaluator(const CppRules& rules, const SecretScanner& secrets,
                                   const SourceFile& file)
    : rules_(rules), secrets_(secrets), file_(file) {
  for (const auto& m : secrets_.find(file.content())) engine_secret_begins_.insert(m.begin);
}

bool LiteralEvaluator::engine_reports(std::size_t begin, std::size_t end) const {
  auto lo = engine_secret_begins_.lower_bound(begin);
  return lo != engine_secret_begins_.end() && *lo < std::max(end, begin + 1);
}

bool LiteralEvaluator::file_matches(const Regex& re) {
  for (const auto& [r, v] : file_cache_) {
    if (r == &re) return v;
  }
  bool v = re.search(file_.content());
  file_cache_.emplace_back(&re, v);
  return v;
}

Location LiteralEvaluator::location(const Chain& chain, std::size_t b, std::size_t e) const {
  std::size_t sb = chain.src_begin[b];
  std::size_t se = std::max(sb, chain.src_end[e - 1]);
  return {file_.path(), file_.span_of(sb, se)};
}

namespace {

std::string shown(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == kPlaceholder) {
      out += "...";
    } else if (c == '\n' || c == '\r' || c == '\t') {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string normalized(std::string_view s) {
  std::string out;
  for (char c : to_lower(s)) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') out.push_back(c == kPlaceholder ? '*' : c);
  }
  return out;
}

// False when no byte of text[b, e) is spelled in this file (a macro from a header).
bool spelled_here(const Chain& chain, std::size_t b, std::size_t e) {
  for (std::size_t i = b; i < e; ++i) {
    if (chain.src_end[i] > chain.src_begin[i]) return true;
  }
  return false;
}

}  // namespace

// Huge literals (embedded resources) get the secret scan only: no rule looks for a connection
// string or a URL in megabytes of data, and each regex pass over them costs time.
constexpr std::size_t kMaxRegexChain = 64 * 1024;

void LiteralEvaluator::evaluate_rule(const LiteralRule& lr, const Chain& chain,
                                     std::vector<Finding>& out) {
  Reporter report(out);
  for (std::size_t from = 0; from <= chain.text.size();) {
    auto m = lr.regex->find(chain.text, from);
    if (m.empty()) break;
    from = m[0].end > m[0].begin ? m[0].end : m[0].end + 1;
    const Group& g = m[static_cast<std::size_t>(lr.report_group)];
    if (!g.matched() || g.end == g.begin) continue;
    std::size_t b = g.begin;
    std::size_t e = g.end;
    if (!spelled_here(chain, b, e)) continue;
    if (!lr.secret) {
      std::string text(g.in(chain.text));
      report.add(*lr.rule, location(chain, b, e), lr.description + " (" + shown(text) + ")",
                 "cpp:" + lr.rule->id + ":" + normalized(text));
      continue;
    }
    while (b < e && (chain.text[b] == ' ' || chain.text[b] == '\t')) ++b;
    while (e > b && is_space(chain.text[e - 1])) --e;
    if (b == e) continue;
    std::string value = chain.text.substr(b, e - b);
    if (value.find(kPlaceholder) != std::string::npos) continue;
    if (lr.exclude_value && lr.exclude_value->search(value)) continue;
    // The engine's whole-text scan already reports a token spelled verbatim here.
    if (engine_reports(chain.src_begin[b], chain.src_end[e - 1])) continue;
    report.add_secret(*lr.rule, location(chain, b, e), lr.description, value);
  }
}

bool LiteralEvaluator::excluded(const LiteralRule& lr, const Chain& chain) {
  if (lr.unless.empty()) return false;
  std::string_view scope = chain.text;
  if (lr.unless_scope == LiteralRule::Scope::Function && !chain.src_begin.empty()) {
    scope = function_text(chain.src_begin.front());
  }
  auto in_scope = [&](const Regex* re) {
    return lr.unless_scope == LiteralRule::Scope::File ? file_matches(*re) : re->search(scope);
  };
  if (!std::any_of(lr.unless.begin(), lr.unless.end(), in_scope)) return false;
  return !std::any_of(lr.unless_not.begin(), lr.unless_not.end(), in_scope);
}

namespace {

constexpr std::size_t kMaxFunctionScan = 256 * 1024;  // bytes read around a literal

bool control_keyword(std::string_view word) {
  return word == "if" || word == "for" || word == "while" || word == "switch" || word == "catch";
}

// The position of the `(` matching the `)` at `close`, or npos.
std::size_t open_paren(std::string_view s, std::size_t close, std::size_t floor) {
  int depth = 0;
  for (std::size_t i = close + 1; i-- > floor;) {
    if (s[i] == ')') ++depth;
    if (s[i] == '(' && --depth == 0) return i;
  }
  return std::string_view::npos;
}

}  // namespace

std::string_view LiteralEvaluator::function_text(std::size_t offset) const {
  std::string_view s = file_.content();
  offset = std::min(offset, s.size());
  std::size_t floor = offset > kMaxFunctionScan ? offset - kMaxFunctionScan : 0;
  int depth = 0;
  for (std::size_t i = offset; i-- > floor;) {
    if (s[i] == '}') {
      ++depth;
      continue;
    }
    if (s[i] != '{') continue;
    if (depth > 0) {
      --depth;
      continue;
    }
    // An enclosing block: a function or lambda body follows `)` and perhaps qualifiers
    // (`const`, `noexcept`, `-> T`); a control statement's block follows its condition.
    std::size_t j = i;
    while (j > floor &&
           (is_space(s[j - 1]) || is_ident_char(s[j - 1]) || s[j - 1] == ':' || s[j - 1] == '<' ||
            s[j - 1] == '>' || s[j - 1] == '-' || s[j - 1] == '&' || s[j - 1] == '*')) {
      --j;
    }
    if (j == floor || s[j - 1] != ')') continue;
    std::size_t open = open_paren(s, j - 1, floor);
    if (open == std::string_view::npos) continue;
    std::size_t w = open;
    while (w > floor && is_space(s[w - 1])) --w;
    std::size_t word_begin = w;
    while (word_begin > floor && is_ident_char(s[word_begin - 1])) --word_begin;
    if (control_keyword(s.substr(word_begin, w - word_begin))) continue;
    // Its end: the matching `}` (bounded).
    int inner = 0;
    for (std::size_t k = i; k < s.size() && k < i + kMaxFunctionScan; ++k) {
      if (s[k] == '{') ++inner;
      if (s[k] == '}' && --inner == 0) return s.substr(word_begin, k + 1 - word_begin);
    }
    return s.substr(word_begin);
  }
  return s;
}

void LiteralEvaluator::evaluate(const Chain& chain, std::vector<Finding>& out) {
  if (chain.text.empty()) return;
  if (chain.text.size() <= kMaxRegexChain) {
    std::string lower = to_lower(chain.text);
    for (const auto& lr : rules_.literals) {
      bool hit = std::any_of(lr.keywords.begin(), lr.keywords.end(), [&](const std::string& k) {
        return lower.find(k) != std::string::npos;
      });
      if (!hit) continue;
      if (!lr.context.empty()) {
        bool ok = std::any_of(lr.context.begin(), lr.context.end(), [&](const Regex* re) {
          return lr.context_in_file ? file_matches(*re) : re->search(chain.text);
        });
        if (!ok) continue;
      }
      if (!excluded(lr, chain)) evaluate_rule(lr, chain, out);
    }
  }
  Reporter report(out);
  for (const auto& m : secrets_.find(chain.text)) {
    if (engine_secret_begins_.count(chain.src_begin[m.begin])) continue;
    if (!spelled_here(chain, m.begin, m.end)) continue;
    std::string value = chain.text.substr(m.begin, m.end - m.begin);
    report.add_secret(*m.pattern->rule, location(chain, m.begin, m.end),
                      m.pattern->description + " (split over several literals or escaped)", value);
  }
}

}  // namespace obolint::cpp

#include "cpp/recovery.h"

#include <algorithm>
#include <string_view>

#include "cpp/text_util.h"

namespace obolint::cpp {
namespace {

constexpr std::size_t kMaxRegion = 64 * 1024;  // a statement or definition examined

std::size_t skip_spaces(std::string_view s, std::size_t i) {
  while (i < s.size() && is_space(s[i])) ++i;
  return i;
}

std::size_t identifier_end(std::string_view s, std::size_t i) {
  while (i < s.size() && is_ident_char(s[i])) ++i;
  return i;
}

// The end of balanced template arguments starting at `i` (a `<`), or npos.
std::size_t template_args_end(std::string_view s, std::size_t i) {
  int depth = 0;
  for (std::size_t j = i; j < s.size() && j < i + 1024; ++j) {
    if (s[j] == '<') ++depth;
    if (s[j] == '>' && --depth == 0) return j + 1;
    if (s[j] == ';' || s[j] == '{' || s[j] == '}') break;
  }
  return std::string_view::npos;
}

// The end of `X::a<...>::b` from `at` (npos when it is not a name); `qualified` says whether a
// `::` was crossed.
std::size_t name_end(std::string_view s, std::size_t at, bool& qualified) {
  qualified = false;
  std::size_t i = identifier_end(s, at);
  if (i == at) return std::string_view::npos;
  while (true) {
    if (i < s.size() && s[i] == '<') {
      std::size_t e = template_args_end(s, i);
      if (e == std::string_view::npos) return std::string_view::npos;
      i = e;
    }
    if (i + 2 < s.size() && s[i] == ':' && s[i + 1] == ':' && is_ident_char(s[i + 2])) {
      i = identifier_end(s, i + 2);
      qualified = true;
      continue;
    }
    return i;
  }
}

// `X::a::b` from `at` with only `::` between names: its end, and whether it is qualified.
std::size_t qualified_end(std::string_view s, std::size_t at, bool& qualified) {
  std::size_t i = identifier_end(s, at);
  qualified = false;
  while (i + 2 < s.size() && s[i] == ':' && s[i + 1] == ':' && is_ident_char(s[i + 2])) {
    i = identifier_end(s, i + 2);
    qualified = true;
  }
  return i;
}

// `X::a::b(` (a call or a function definition): the end of the name, else npos.
std::size_t qualified_call_end(std::string_view s, std::size_t at) {
  bool qualified = false;
  std::size_t i = qualified_end(s, at, qualified);
  std::size_t j = skip_spaces(s, i);
  return qualified && j < s.size() && s[j] == '(' ? i : std::string_view::npos;
}

// `(X*)` or `(X&)`: the type of a C-style cast.
bool cast_type(std::string_view s, std::size_t at, std::size_t end) {
  std::size_t b = at;
  while (b > 0 && is_space(s[b - 1])) --b;
  if (b == 0 || s[b - 1] != '(') return false;
  std::size_t j = skip_spaces(s, end);
  if (j >= s.size() || (s[j] != '*' && s[j] != '&')) return false;
  while (j < s.size() && (s[j] == '*' || s[j] == '&' || is_space(s[j]))) ++j;
  return j < s.size() && s[j] == ')';
}

// A name used as a value: not called, not a type of a declaration, not a template.
bool value_position(std::string_view s, std::size_t end) {
  std::size_t j = skip_spaces(s, end);
  if (j >= s.size()) return false;
  char c = s[j];
  if (c == '<') return j + 1 < s.size() && s[j + 1] == '<';  // a stream, not a template
  return !(c == '(' || c == '{' || c == ':' || c == '&' || c == '*' || is_ident_char(c));
}

bool keyword_before(std::string_view s, std::size_t end, std::string_view word) {
  return end >= word.size() && s.substr(end - word.size(), word.size()) == word &&
         (end == word.size() || !is_ident_char(s[end - word.size() - 1]));
}

// A parameter's type at `at` (`(const X::Y<Z>& name,`): the end of the type, else npos.
std::size_t parameter_type_end(std::string_view s, std::size_t at) {
  std::size_t b = at;
  while (true) {  // back over `const`, `volatile` and spaces to `(` or `,`
    while (b > 0 && is_space(s[b - 1])) --b;
    if (keyword_before(s, b, "const")) {
      b -= 5;
    } else if (keyword_before(s, b, "volatile")) {
      b -= 8;
    } else {
      break;
    }
  }
  if (b == 0 || (s[b - 1] != '(' && s[b - 1] != ',')) return std::string_view::npos;
  bool qualified = false;
  std::size_t e = name_end(s, at, qualified);
  if (e == std::string_view::npos || e - at < 4) return std::string_view::npos;  // room for auto
  std::size_t j = skip_spaces(s, e);
  if (s.substr(j, 5) == "const") j = skip_spaces(s, j + 5);
  while (j < s.size() && (s[j] == '&' || s[j] == '*' || is_space(s[j]))) ++j;
  std::size_t n = identifier_end(s, j);
  std::size_t k = skip_spaces(s, n);
  bool named = n > j && k < s.size() && (s[k] == ',' || s[k] == ')' || s[k] == '=');
  return named ? e : std::string_view::npos;
}

// The statement or definition from `at`: to the `;` at depth 0, or through the `}` that closes
// a `{` opened at depth 0 (a function body, a lambda passed to a call). A `)` that closes a list
// `at` is inside (a parameter list) does not end it: the body after it belongs to it.
std::pair<std::size_t, std::size_t> region(std::string_view s, std::size_t at) {
  int depth = 0;
  std::size_t end = std::min(s.size(), at + kMaxRegion);
  for (std::size_t i = at; i < end; ++i) {
    char c = s[i];
    if (c == '(' || c == '[' || c == '{') {
      ++depth;
    } else if (c == ')' || c == ']' || c == '}') {
      if (--depth == 0 && c == '}') return {at, i + 1};
      if (depth < 0) depth = 0;
    } else if (c == ';' && depth == 0) {
      return {at, i};
    }
  }
  return {at, end};
}

}  // namespace

bool Recovery::add_one(std::string_view s, const Undeclared& u, bool in_body, bool lost,
                       bool header) {
  bool qualified = false;
  std::size_t end = qualified_end(s, u.offset, qualified);
  std::string name(s.substr(u.offset, end - u.offset));
  if (u.std_member) {
    if (!(in_body || lost)) return false;
    std::size_t j = skip_spaces(s, end);
    if (j < s.size() && s[j] == '(') return std_functions_.insert(name).second;
    return value_position(s, end) && std_values_.insert(name).second;
  }
  if (qualified_call_end(s, u.offset) != std::string_view::npos) {
    return (in_body || lost || header) && qualifiers_.insert(u.offset).second;
  }
  if (std::size_t e = parameter_type_end(s, u.offset); e != std::string_view::npos) {
    // A parameter alone is no reason to parse again: rewritten when there is one.
    bool added = (in_body || lost || header) && params_.emplace(u.offset, e).second;
    return added && (lost || header);
  }
  if (!(in_body || lost)) return false;
  if (!qualified && cast_type(s, u.offset, end)) return types_.insert(name).second;
  if (!value_position(s, end)) return false;
  if (qualified) {
    qualifiers_.insert(u.offset);
    for (std::size_t i = 0; i + 1 < name.size(); ++i) {
      if (name[i] == ':' && name[i + 1] == ':') name[i] = name[i + 1] = '_';
    }
  }
  return values_.insert(name).second;
}

bool Recovery::add(const std::string& content, const std::vector<Undeclared>& undeclared,
                   const Interest& interest) {
  std::string_view s = content;
  bool worth = false;
  for (const auto& u : undeclared) {
    if (u.offset >= s.size() || !is_ident_char(s[u.offset])) continue;
    auto [rb, re] = region(s, u.offset);
    bool in_body = std::any_of(interest.bodies.begin(), interest.bodies.end(),
                               [&](const auto& b) { return b.first < re && rb < b.second; });
    bool lost = std::any_of(interest.lost.begin(), interest.lost.end(),
                            [&](std::size_t o) { return rb <= o && o < re; });
    std::string lower = to_lower(s.substr(rb, re - rb));
    bool header =
        std::any_of(interest.headers.begin(), interest.headers.end(),
                    [&](const std::string& h) { return lower.find(h) != std::string::npos; });
    if (add_one(s, u, in_body, lost, header)) worth = true;
  }
  return worth;
}

std::string Recovery::apply(const std::string& content) const {
  std::string out = content;
  for (std::size_t at : qualifiers_) {
    bool qualified = false;
    std::size_t end = qualified_end(out, at, qualified);
    for (std::size_t i = at; i + 1 < end; ++i) {
      if (out[i] == ':' && out[i + 1] == ':') out[i] = out[i + 1] = '_';
    }
  }
  for (const auto& [begin, end] : params_) {
    // Newlines stay where they are: line numbers do not move.
    for (std::size_t i = begin; i < end; ++i) {
      if (out[i] != '\n') out[i] = ' ';
    }
    out.replace(begin, 4, "auto");
  }
  return out;
}

std::string Recovery::prelude() const {
  if (values_.empty() && std_values_.empty() && std_functions_.empty() && types_.empty()) {
    return {};
  }
  // An object that converts to anything and takes anything: calls, streams and comparisons
  // that use it stay in the AST.
  std::string out =
      "struct obolint_recovered {\n"
      "  template <class... A> obolint_recovered(A&&...);\n"
      "  template <class T> operator T() const;\n"
      "  template <class T> obolint_recovered& operator<<(const T&);\n"
      "  template <class T> bool operator==(const T&) const;\n"
      "  template <class T> bool operator!=(const T&) const;\n"
      "};\n";
  for (const auto& t : types_) out += "using " + t + " = obolint_recovered;\n";
  for (const auto& v : values_) out += "extern obolint_recovered " + v + ";\n";
  if (!std_values_.empty() || !std_functions_.empty()) {
    out += "namespace std {\n";
    for (const auto& v : std_values_) out += "extern ::obolint_recovered " + v + ";\n";
    for (const auto& f : std_functions_) {
      out += "template <class... A> ::obolint_recovered " + f + "(A&&...);\n";
    }
    out += "}\n";
  }
  return out;
}

}  // namespace obolint::cpp

#include "cpp/recovery.h"

#include <algorithm>
#include <string_view>

#include "cpp/text_util.h"

namespace obolint::cpp {
namespace {

constexpr std::size_t kMaxRegion = 64 * 1024;  // a statement or definition examined for names

std::size_t skip_spaces(std::string_view s, std::size_t i) {
  while (i < s.size() && is_space(s[i])) ++i;
  return i;
}

std::size_t identifier_end(std::string_view s, std::size_t i) {
  while (i < s.size() && is_ident_char(s[i])) ++i;
  return i;
}

// The end of `X::a::b` when it is followed by `(` (a call or a function definition), else npos.
std::size_t qualified_call_end(std::string_view s, std::size_t at) {
  std::size_t i = identifier_end(s, at);
  if (i == at) return std::string_view::npos;
  bool qualified = false;
  while (i + 2 < s.size() && s[i] == ':' && s[i + 1] == ':' && is_ident_char(s[i + 2])) {
    i = identifier_end(s, i + 2);
    qualified = true;
  }
  std::size_t j = skip_spaces(s, i);
  return qualified && j < s.size() && s[j] == '(' ? i : std::string_view::npos;
}

bool followed_by_shift(std::string_view s, std::size_t at) {
  std::size_t j = skip_spaces(s, identifier_end(s, at));
  return j + 1 < s.size() && s[j] == '<' && s[j + 1] == '<' &&
         (j + 2 >= s.size() || s[j + 2] != '<');
}

// The statement or definition from `at`: to the `;` at depth 0, or through the `}` that closes
// a `{` opened at depth 0 (a function body, a lambda passed to a call).
std::string_view region(std::string_view s, std::size_t at) {
  int depth = 0;
  std::size_t end = std::min(s.size(), at + kMaxRegion);
  for (std::size_t i = at; i < end; ++i) {
    char c = s[i];
    if (c == '(' || c == '[' || c == '{') {
      ++depth;
    } else if (c == ')' || c == ']' || c == '}') {
      if (--depth <= 0 && c == '}') return s.substr(at, i + 1 - at);
      if (depth < 0) return s.substr(at, i - at);
    } else if (c == ';' && depth == 0) {
      return s.substr(at, i - at);
    }
  }
  return s.substr(at, end - at);
}

bool mentions(std::string_view text, const std::set<std::string>& names,
              const std::vector<std::string>& headers) {
  std::string lower = to_lower(text);
  for (const auto& h : headers) {
    if (lower.find(h) != std::string::npos) return true;
  }
  for (std::size_t i = 0; i < text.size();) {
    if (!is_ident_char(text[i])) {
      ++i;
      continue;
    }
    std::size_t e = identifier_end(text, i);
    if (names.count(std::string(text.substr(i, e - i)))) return true;
    i = e;
  }
  return false;
}

}  // namespace

bool Recovery::add(const std::string& content, const std::vector<Undeclared>& undeclared,
                   const Interest& interest) {
  std::size_t before = size();
  std::string_view s = content;
  for (const auto& u : undeclared) {
    if (u.offset >= s.size() || !is_ident_char(s[u.offset])) continue;
    bool inside = std::any_of(interest.bodies.begin(), interest.bodies.end(), [&](const auto& b) {
      return b.first <= u.offset && u.offset < b.second;
    });
    if (!inside && !mentions(region(s, u.offset), interest.names, interest.headers)) continue;
    std::string name(s.substr(u.offset, identifier_end(s, u.offset) - u.offset));
    if (u.std_member) {
      if (followed_by_shift(s, u.offset)) std_streams_.insert(name);
    } else if (qualified_call_end(s, u.offset) != std::string_view::npos) {
      qualifiers_.insert(u.offset);
    } else if (followed_by_shift(s, u.offset)) {
      streams_.insert(name);
    }
  }
  return size() > before;
}

std::string Recovery::apply(const std::string& content) const {
  std::string out = content;
  for (std::size_t at : qualifiers_) {
    std::size_t end = qualified_call_end(out, at);
    if (end == std::string_view::npos) continue;
    for (std::size_t i = at; i + 1 < end; ++i) {
      if (out[i] == ':' && out[i + 1] == ':') out[i] = out[i + 1] = '_';
    }
  }
  return out;
}

std::string Recovery::prelude() const {
  if (streams_.empty() && std_streams_.empty()) return {};
  std::string out =
      "struct obolint_recovered_stream {\n"
      "  template <class T> obolint_recovered_stream& operator<<(const T&);\n"
      "};\n";
  for (const auto& s : streams_) out += "extern obolint_recovered_stream " + s + ";\n";
  if (!std_streams_.empty()) {
    out += "namespace std {\n";
    for (const auto& s : std_streams_) out += "extern ::obolint_recovered_stream " + s + ";\n";
    out += "}\n";
  }
  return out;
}

}  // namespace obolint::cpp

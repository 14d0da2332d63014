#include "engine/suppress.h"

#include <algorithm>
#include <map>

#include "core/regex.h"
#include "discover/discover.h"

namespace obolint {
namespace fs = std::filesystem;
namespace {

std::string upper(std::string_view s) {
  std::string out;
  for (char c : s) out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  return out;
}

std::string trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

bool is_our_id(const std::string& id) {
  static const Regex kOurs("OBO[0-9]{3}");
  return kOurs.full_match(id);
}

// Calls f(groups) for every non-overlapping match of `re` in `text`, left to right. RE2: linear
// in the comment whatever it holds (std::regex recursed per character and crashed on a 30 kB
// comment).
template <class F>
void for_each_match(const Regex& re, std::string_view text, F&& f) {
  std::size_t start = 0;
  while (start <= text.size()) {
    auto m = re.find(text, start);
    if (m.empty()) return;
    f(m);
    start = m[0].end > m[0].begin ? m[0].end : m[0].end + 1;
  }
}

// Splits "OBO004, OBO001 E501" into ids, upper-cased.
std::vector<std::string> split_ids(std::string_view list) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : list) {
    if (c == ',' || std::isspace(static_cast<unsigned char>(c))) {
      if (!cur.empty()) out.push_back(upper(cur));
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) out.push_back(upper(cur));
  return out;
}

// The reason after a directive: "-- because", ": because", "because" -> "because".
std::string reason_of(std::string_view rest) {
  std::string r = trim(rest);
  while (!r.empty() && (r.front() == '-' || r.front() == ':' || r.front() == '#')) r.erase(0, 1);
  r = trim(r);
  // A following directive of another tool is not a reason.
  if (r.rfind("type:", 0) == 0 || r.rfind("pragma", 0) == 0) return {};
  return r;
}

// Fills ids/used from a raw id list; returns false when the directive names only other tools'
// codes (it is not ours).
bool set_ids(Suppression& s, std::string_view list, bool has_list) {
  if (!has_list) {
    s.used.assign(1, false);
    return true;
  }
  std::vector<std::string> ids = split_ids(list);
  if (ids.empty()) {  // "# noqa:" with nothing after it: bare
    s.used.assign(1, false);
    return true;
  }
  for (auto& id : ids) {
    if (is_our_id(id) && std::find(s.ids.begin(), s.ids.end(), id) == s.ids.end()) {
      s.ids.push_back(id);
    }
  }
  s.used.assign(s.ids.size(), false);
  return !s.ids.empty();
}

void python_directives(const SourceFile& file, std::size_t begin, std::size_t end,
                       std::vector<Suppression>& out) {
  static const Regex kNoqa(
      R"((?i)#\s*noqa\b(?:\s*:\s*([A-Za-z]+[0-9]+(?:[\s,]+[A-Za-z]+[0-9]+)*))?)");
  static const Regex kIgnore(R"((?i)#\s*obolint\s*:\s*ignore\b(?:\[([^\]]*)\])?)");
  std::string comment = file.content().substr(begin, end - begin);
  std::string lower = comment;
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower.find("noqa") == std::string::npos && lower.find("obolint") == std::string::npos) return;
  for (const auto* re : {&kNoqa, &kIgnore}) {
    for_each_match(*re, comment, [&](const std::vector<Group>& m) {
      Suppression s;
      s.span = file.span_of(begin + m[0].begin, begin + m[0].end);
      s.target_line = s.span.line;
      s.text = trim(m[0].in(comment));
      if (!set_ids(s, m[1].in(comment), m[1].matched())) return;
      // The reason: the rest of the comment up to the next '#'.
      std::string rest = comment.substr(m[0].end);
      rest = rest.substr(0, rest.find('#'));
      std::string reason = reason_of(rest);
      s.justification = !reason.empty() ? reason : (re == &kNoqa ? "noqa" : "obolint: ignore");
      out.push_back(std::move(s));
    });
  }
}

void cpp_directives(const SourceFile& file, std::size_t begin, std::size_t end,
                    std::vector<Suppression>& out) {
  static const Regex kNolint(R"(\bNOLINT(NEXTLINE|BEGIN|END)?\b(?:\(([^)]*)\))?)");
  static const Regex kIgnore(R"((?i)\bobolint\s*:\s*ignore\b(?:\[([^\]]*)\])?)");
  std::string comment = file.content().substr(begin, end - begin);
  if (comment.size() >= 2 && comment.compare(comment.size() - 2, 2, "*/") == 0) {
    comment.resize(comment.size() - 2);
  }
  for_each_match(kNolint, comment, [&](const std::vector<Group>& m) {
    std::string kind(m[1].in(comment));
    if (kind == "BEGIN" || kind == "END") return;  // clang-tidy ranges: not supported
    Suppression s;
    s.span = file.span_of(begin + m[0].begin, begin + m[0].end);
    s.target_line = s.span.line + (kind == "NEXTLINE" ? 1 : 0);
    s.text = "// " + std::string(m[0].in(comment));
    if (!set_ids(s, m[2].in(comment), m[2].matched())) return;
    std::string reason = reason_of(comment.substr(m[0].end));
    s.justification = !reason.empty() ? reason : "NOLINT" + kind;
    out.push_back(std::move(s));
  });
  for_each_match(kIgnore, comment, [&](const std::vector<Group>& m) {
    Suppression s;
    s.span = file.span_of(begin + m[0].begin, begin + m[0].end);
    s.target_line = s.span.line;
    s.text = "// " + std::string(m[0].in(comment));
    if (!set_ids(s, m[1].in(comment), m[1].matched())) return;
    std::string reason = reason_of(comment.substr(m[0].end));
    s.justification = !reason.empty() ? reason : "obolint: ignore";
    out.push_back(std::move(s));
  });
}

bool glob_matches_path(const PathIgnore& pi, const std::string& path) {
  std::error_code ec;
  fs::path abs = fs::absolute(fs::path(path), ec).lexically_normal();
  std::string rel;
  if (!pi.base.empty()) {
    fs::path r = abs.lexically_relative(fs::absolute(pi.base, ec).lexically_normal());
    rel = r.generic_string();
    if (rel.empty() || rel.rfind("..", 0) == 0) return false;  // outside the config's tree
  } else {
    rel = fs::path(path).lexically_normal().generic_string();
  }
  return path_matches(pi.glob, rel);
}

// Text files whose `#` starts a comment (.env, YAML, TOML, INI, shell, Dockerfile, Terraform):
// a token there can be suppressed like in Python. Prose (Markdown, reStructuredText) is not code:
// a `# noqa` quoted in documentation is not a directive.
bool hash_comment_text(const std::string& path) {
  std::string name = fs::path(path).filename().string();
  std::string ext = fs::path(path).extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const std::vector<std::string> kExts = {
      ".env", ".yaml",       ".yml", ".toml",   ".cfg", ".ini", ".conf", ".sh", ".bash",
      ".zsh", ".properties", ".tf",  ".tfvars", ".hcl", ".r",   ".rb",   ".pl", ".ps1"};
  return name.rfind(".env", 0) == 0 || name == "Dockerfile" || name == "Makefile" ||
         name.rfind("requirements", 0) == 0 ||
         std::find(kExts.begin(), kExts.end(), ext) != kExts.end();
}

}  // namespace

std::vector<std::pair<std::size_t, std::size_t>> python_comments(std::string_view s) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  std::size_t i = 0, n = s.size();
  while (i < n) {
    char c = s[i];
    if (c == '#') {
      std::size_t e = s.find('\n', i);
      if (e == std::string_view::npos) e = n;
      if (e > i && s[e - 1] == '\r') --e;
      out.push_back({i, e});
      i = e;
    } else if (c == '"' || c == '\'') {
      bool triple = i + 2 < n && s[i + 1] == c && s[i + 2] == c;
      std::size_t j = i + (triple ? 3 : 1);
      while (j < n) {
        if (s[j] == '\\') {
          j += 2;
        } else if (triple && s[j] == c && j + 2 < n && s[j + 1] == c && s[j + 2] == c) {
          j += 3;
          break;
        } else if (!triple && (s[j] == c || s[j] == '\n')) {
          ++j;
          break;
        } else {
          ++j;
        }
      }
      i = j;
    } else {
      ++i;
    }
  }
  return out;
}

std::vector<std::pair<std::size_t, std::size_t>> cpp_comments(std::string_view s) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  std::size_t i = 0, n = s.size();
  auto ident = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  while (i < n) {
    char c = s[i];
    if (c == '/' && i + 1 < n && s[i + 1] == '/') {
      std::size_t e = s.find('\n', i);
      if (e == std::string_view::npos) e = n;
      std::size_t ce = e;
      if (ce > i && s[ce - 1] == '\r') --ce;
      out.push_back({i, ce});
      i = e;
    } else if (c == '/' && i + 1 < n && s[i + 1] == '*') {
      std::size_t e = s.find("*/", i + 2);
      e = e == std::string_view::npos ? n : e + 2;
      out.push_back({i, e});
      i = e;
    } else if (c == '"') {
      // Raw string R"delim( ... )delim"
      if (i > 0 && s[i - 1] == 'R' &&
          (i < 2 || !ident(s[i - 2]) || s[i - 2] == '8' || s[i - 2] == 'u' || s[i - 2] == 'U' ||
           s[i - 2] == 'L')) {
        std::size_t open = s.find('(', i);
        if (open != std::string_view::npos && open - i <= 17) {
          std::string close = ")" + std::string(s.substr(i + 1, open - i - 1)) + "\"";
          std::size_t e = s.find(close, open);
          i = e == std::string_view::npos ? n : e + close.size();
          continue;
        }
      }
      std::size_t j = i + 1;
      while (j < n && s[j] != '"' && s[j] != '\n') j += s[j] == '\\' ? 2 : 1;
      i = j + 1;
    } else if (c == '\'') {
      if (i > 0 && std::isxdigit(static_cast<unsigned char>(s[i - 1])) && i + 1 < n &&
          std::isxdigit(static_cast<unsigned char>(s[i + 1]))) {
        ++i;  // digit separator 1'000'000
        continue;
      }
      std::size_t j = i + 1;
      while (j < n && s[j] != '\'' && s[j] != '\n') j += s[j] == '\\' ? 2 : 1;
      i = j + 1;
    } else {
      ++i;
    }
  }
  return out;
}

std::vector<Suppression> collect_suppressions(const SourceFile& file) {
  std::vector<Suppression> out;
  const std::string& text = file.content();
  if (file.language() == Language::Cpp) {
    if (text.find("NOLINT") == std::string::npos && text.find("obolint") == std::string::npos) {
      return out;
    }
    for (auto [b, e] : cpp_comments(text)) cpp_directives(file, b, e, out);
  } else if (file.language() == Language::Python || hash_comment_text(file.path())) {
    for (auto [b, e] : python_comments(text)) python_directives(file, b, e, out);
  }
  return out;
}

bool path_ignored(const Finding& f, const std::vector<PathIgnore>& ignores) {
  for (const auto& pi : ignores) {
    bool names_rule = std::any_of(pi.rules.begin(), pi.rules.end(), [&](const std::string& r) {
      return r == "ALL" || (!r.empty() && f.rule_id.rfind(r, 0) == 0);
    });
    if (names_rule && glob_matches_path(pi, f.path)) return true;
  }
  return false;
}

namespace {

using DirectivesByPath = std::map<std::string, std::vector<Suppression>, std::less<>>;

// Directives per path, positions in the original files (a notebook's mapped back).
DirectivesByPath collect_by_path(const std::vector<std::unique_ptr<SourceFile>>& sources,
                                 const std::vector<std::unique_ptr<VirtualSource>>& virtuals) {
  DirectivesByPath by_path;
  std::map<std::string_view, const VirtualSource*> virtual_of;
  for (const auto& v : virtuals) virtual_of[v->original().path()] = v.get();
  for (const auto& s : sources) {
    auto vit = virtual_of.find(s->path());
    if (vit == virtual_of.end()) {
      auto list = collect_suppressions(*s);
      if (!list.empty()) by_path[s->path()] = std::move(list);
      continue;
    }
    const VirtualSource& v = *vit->second;
    auto list = collect_suppressions(v.python());
    for (auto& sup : list) {
      sup.target_line = v.map_point(sup.target_line, sup.span.column).first;
      sup.span = v.map(sup.span);
    }
    if (!list.empty()) by_path[s->path()] = std::move(list);
  }
  return by_path;
}

// Marks the findings a directive on their line hides, and the directive ids used.
void hide_findings(std::vector<Finding>& findings, DirectivesByPath& by_path) {
  for (auto& f : findings) {
    auto it = by_path.find(f.path);
    if (it == by_path.end()) continue;
    for (auto& sup : it->second) {
      if (sup.target_line != f.span.line) continue;
      bool hides = false;
      if (sup.ids.empty()) {
        if (f.severity == Severity::Flag) {
          hides = true;
          sup.used[0] = true;
        }
      } else {
        for (std::size_t k = 0; k < sup.ids.size(); ++k) {
          if (sup.ids[k] == f.rule_id) {
            hides = true;
            sup.used[k] = true;
          }
        }
      }
      if (hides && !f.suppressed) {
        f.suppressed = true;
        f.suppression_justification = sup.justification;
      }
    }
  }
}

// OBO900: a directive (or an id of one) that hid nothing.
void report_unused(std::vector<Finding>& findings, const DirectivesByPath& by_path,
                   const RuleSet& rules, const ScanOptions& options) {
  const RuleDef* unused_rule = rules.find(kUnusedSuppressionRule);
  if (!unused_rule || rule_selected(kUnusedSuppressionRule, {}, options.ignore) == false) return;
  // The findings above already carry their overrides (engine/run.cpp); these are new.
  Severity sev = unused_rule->severity;
  if (auto o = options.severity_overrides.find(kUnusedSuppressionRule);
      o != options.severity_overrides.end()) {
    sev = o->second;
  }
  for (const auto& [path, list] : by_path) {
    for (const auto& sup : list) {
      Finding f;
      f.rule_id = kUnusedSuppressionRule;
      f.severity = sev;
      f.path = path;
      f.span = sup.span;
      f.fingerprint_text = sup.text;
      if (path_ignored(f, options.per_path_ignores)) continue;
      if (sup.ids.empty()) {
        if (sup.used[0]) continue;
        f.message = "unused suppression: `" + sup.text +
                    "` hides no finding on this line (a bare directive never hides BLOCK "
                    "findings: name the rule, e.g. `" +
                    (sup.text.rfind("//", 0) == 0 ? "// NOLINT(OBO003)" : "# noqa: OBO003") +
                    "`); remove it";
      } else {
        std::vector<std::string> unused, unknown;
        for (std::size_t k = 0; k < sup.ids.size(); ++k) {
          if (sup.used[k] || sup.ids[k] == kUnusedSuppressionRule) continue;
          if (!rules.find(sup.ids[k])) {
            unknown.push_back(sup.ids[k]);
            continue;
          }
          Finding probe;
          probe.rule_id = sup.ids[k];
          probe.path = path;
          if (!rule_selected(sup.ids[k], options.select, options.ignore) ||
              path_ignored(probe, options.per_path_ignores)) {
            continue;  // the rule does not run here: we cannot tell
          }
          unused.push_back(sup.ids[k]);
        }
        if (unused.empty() && unknown.empty()) continue;
        auto join = [](const std::vector<std::string>& v) {
          std::string s;
          for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
          return s;
        };
        f.message = "unused suppression: `" + sup.text + "`";
        if (!unused.empty()) f.message += " hides no " + join(unused) + " finding on this line";
        if (!unknown.empty()) {
          f.message += std::string(unused.empty() ? "" : ";") + " names unknown rule" +
                       (unknown.size() == 1 ? " " : "s ") + join(unknown);
        }
        f.message += "; remove " + std::string(unused.size() + unknown.size() == sup.ids.size()
                                                   ? "the directive"
                                                   : "the unused ids");
      }
      findings.push_back(std::move(f));
    }
  }
}

}  // namespace

void apply_suppressions(std::vector<Finding>& findings,
                        const std::vector<std::unique_ptr<SourceFile>>& sources,
                        const std::vector<std::unique_ptr<VirtualSource>>& virtuals,
                        const RuleSet& rules, const ScanOptions& options) {
  DirectivesByPath by_path = collect_by_path(sources, virtuals);
  if (by_path.empty()) return;
  hide_findings(findings, by_path);
  if (options.report_unused_suppressions) report_unused(findings, by_path, rules, options);
}

}  // namespace obolint

#include "apps/requirements.h"

#include <cctype>

namespace obolint::apps {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
}

// A comment starts at `#` at the beginning of a line or after whitespace (pip's rule: a `#` in
// a URL fragment, `#egg=`, is not one).
std::string_view strip_comment(std::string_view line) {
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '#' && (i == 0 || std::isspace(static_cast<unsigned char>(line[i - 1])))) {
      return line.substr(0, i);
    }
  }
  return line;
}

// The value of an option written `-r FILE`, `-rFILE`, `--requirement FILE` or `--requirement=FILE`;
// empty when `line` is not that option.
std::string_view option_value(std::string_view line, std::string_view short_form,
                              std::string_view long_form) {
  for (std::string_view form : {long_form, short_form}) {
    if (form.empty() || !line.starts_with(form)) continue;
    std::string_view rest = line.substr(form.size());
    if (form == long_form && !rest.empty() && rest.front() == '=') return trim(rest.substr(1));
    if (rest.empty()) return {};
    if (form == short_form || std::isspace(static_cast<unsigned char>(rest.front()))) {
      return trim(rest);
    }
  }
  return {};
}

bool is_local_path(std::string_view s) {
  return s == "." || s == ".." || s.starts_with("./") || s.starts_with("../") ||
         s.starts_with('/') || s.starts_with("file:");
}

// `scheme://...` where the scheme is letters, digits, + . - (git+https): a bare URL, not a
// PEP 508 `name @ url`.
bool is_url(std::string_view token) {
  auto sep = token.find("://");
  if (sep == std::string_view::npos || sep == 0) return false;
  for (char c : token.substr(0, sep)) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '.' && c != '-') {
      return false;
    }
  }
  return true;
}

// `git+https://host/repo@v1#egg=name` or `https://host/name-1.0-py3-none-any.whl`.
facts::Requirement from_url(std::string_view url) {
  facts::Requirement r;
  if (auto egg = url.find("#egg="); egg != std::string_view::npos) {
    std::string_view name = url.substr(egg + 5);
    std::size_t end = 0;
    while (end < name.size() && is_name_char(name[end])) ++end;
    r.name = facts::normalize_distribution(name.substr(0, end));
  } else if (url.ends_with(".whl") || url.ends_with(".tar.gz") || url.ends_with(".zip")) {
    std::string_view file = url.substr(url.rfind('/') + 1);
    std::size_t end = 0;
    while (end < file.size() && (std::isalnum(static_cast<unsigned char>(file[end])) ||
                                 file[end] == '_' || file[end] == '.')) {
      ++end;
    }
    r.name = facts::normalize_distribution(file.substr(0, end));
  }
  r.pinned = r.versioned = !r.name.empty();  // one exact artifact
  return r;
}

}  // namespace

ParsedRequirement parse_pep508(std::string_view text) {
  ParsedRequirement out;
  text = trim(text);
  std::size_t end = 0;
  while (end < text.size() && is_name_char(text[end])) ++end;
  if (end == 0 || !std::isalnum(static_cast<unsigned char>(text.front()))) return out;
  out.name = facts::normalize_distribution(text.substr(0, end));
  std::string_view rest = trim(text.substr(end));
  if (rest.starts_with('[')) {  // extras
    auto close = rest.find(']');
    if (close == std::string_view::npos) return out;
    rest = trim(rest.substr(close + 1));
  }
  rest = rest.substr(0, rest.find(';'));  // environment markers
  if (rest.starts_with('@')) {
    out.pinned = out.versioned = true;  // a direct reference: one exact artifact
  } else {
    out.versioned = rest.find_first_of("<>=!~") != std::string_view::npos;
    // == and === pin a version; != only excludes one.
    for (std::size_t at = rest.find("=="); at != std::string_view::npos;
         at = rest.find("==", at + 2)) {
      if (at == 0 || rest[at - 1] != '!') out.pinned = true;
    }
  }
  out.ok = true;
  return out;
}

RequirementsFile parse_requirements(std::string_view text, const std::string& path) {
  RequirementsFile out;
  std::string logical;
  int logical_line = 0, line_no = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view raw = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    if (logical.empty()) logical_line = line_no;
    std::string_view body = strip_comment(raw);
    if (!body.empty() && body.back() == '\\') {  // continues on the next line
      logical.append(body.substr(0, body.size() - 1));
      if (pos <= text.size()) continue;
    } else {
      logical.append(body);
    }
    std::string_view line = trim(logical);
    if (!line.empty()) {
      if (auto v = option_value(line, "-r", "--requirement"); !v.empty()) {
        out.includes.push_back({std::string(v), logical_line});
      } else if (auto e = option_value(line, "-e", "--editable"); !e.empty()) {
        if (is_local_path(e)) {
          out.local_projects.push_back({std::string(e), logical_line});
        } else if (facts::Requirement r = from_url(e); !r.name.empty()) {
          r.text = std::string(line), r.file = path, r.line = logical_line;
          out.requirements.push_back(std::move(r));
        }
      } else if (line.front() == '-') {
        // -c constraints, -i/--index-url, -f, --hash on its own: they install nothing.
      } else if (is_local_path(line)) {
        out.local_projects.push_back(
            {std::string(line.substr(0, line.find_first_of(" \t"))), logical_line});
      } else if (is_url(line.substr(0, line.find_first_of(" \t")))) {
        facts::Requirement r = from_url(line.substr(0, line.find_first_of(" \t")));
        if (!r.name.empty()) {
          r.text = std::string(line), r.file = path, r.line = logical_line;
          out.requirements.push_back(std::move(r));
        }
      } else {
        // Per-requirement options (--hash=...) follow the requirement after whitespace.
        std::string_view spec = line;
        if (auto opt = spec.find(" --"); opt != std::string_view::npos) spec = spec.substr(0, opt);
        ParsedRequirement p = parse_pep508(spec);
        if (p.ok) {
          out.requirements.push_back(
              {p.name, std::string(trim(spec)), p.pinned, p.versioned, path, logical_line});
        }
      }
    }
    logical.clear();
  }
  return out;
}

}  // namespace obolint::apps

#include "apps/pyproject.h"

#include <toml++/toml.h>

#include "apps/project_files.h"
#include "apps/requirements.h"
#include "core/toml_limits.h"

namespace obolint::apps {
namespace {

int line_of(const toml::node& n) {
  return static_cast<int>(n.source().begin.line);
}

void add_pep621(const toml::array& deps, const std::string& path, facts::DependencyManifest& m) {
  for (const auto& el : deps) {
    const auto* s = el.as_string();
    if (!s) continue;
    ParsedRequirement p = parse_pep508(s->get());
    if (p.ok)
      m.requirements.push_back({p.name, s->get(), p.pinned, p.versioned, path, line_of(el)});
  }
}

// Poetry: "1.2.3" is exact, "^1.2" / "~1.2" / ">=1" are ranges, "*" is anything; a table
// carries `version`, or `path`/`git`/`url` (one artifact).
void add_poetry(const toml::table& deps, const std::string& path, facts::DependencyManifest& m) {
  for (const auto& [key, value] : deps) {
    std::string name = facts::normalize_distribution(key.str());
    if (name == "python") continue;
    std::string version;
    bool direct = false;
    if (const auto* s = value.as_string()) {
      version = s->get();
    } else if (const auto* t = value.as_table()) {
      version = (*t)["version"].value_or(std::string());
      direct = t->contains("path") || t->contains("git") || t->contains("url");
    }
    bool versioned = direct || (!version.empty() && version != "*");
    bool pinned =
        direct || (versioned && (version.starts_with("==") ||
                                 version.find_first_of("^~<>=!*,|") == std::string::npos));
    m.requirements.push_back(
        {name, std::string(key.str()) + " = " + version, pinned, versioned, path, line_of(value)});
  }
}

}  // namespace

facts::DependencyManifest parse_pyproject(std::string_view text, const std::string& path,
                                          std::vector<Note>& notes) {
  facts::DependencyManifest m;
  m.path = path;
  m.dir = dir_of(path);
  m.kind = facts::ManifestKind::Pyproject;
  m.declares_dependencies = false;
  toml::table doc;
  try {
    doc = parse_toml_text(text, path);
  } catch (const toml::parse_error& e) {
    notes.push_back({Note::Kind::ParseError, path, static_cast<int>(e.source().begin.line),
                     static_cast<int>(e.source().begin.column),
                     "pyproject.toml not read: " + std::string(e.description())});
    return m;
  }
  if (const auto* deps = doc["project"]["dependencies"].as_array()) {
    m.declares_dependencies = true;
    add_pep621(*deps, path, m);
  }
  if (const auto* deps = doc["tool"]["poetry"]["dependencies"].as_table()) {
    m.declares_dependencies = true;
    add_poetry(*deps, path, m);
  }
  return m;
}

}  // namespace obolint::apps

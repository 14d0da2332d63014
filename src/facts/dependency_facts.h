// Facts about the Python dependency manifests of a scan (requirements.txt, pyproject.toml), read
// by src/apps/manifests; the checks decide what is missing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace obolint::facts {

struct Requirement {
  std::string name;        // normalized distribution name (PEP 503: lower case, runs of -_. as "-")
  std::string text;        // the requirement as written, whitespace trimmed
  bool pinned = false;     // an exact version (== or ===) or a direct reference (name @ url)
  bool versioned = false;  // any version specifier at all (>=, ~=, ==, ...) or a direct reference
  std::string file;        // where it is written: the manifest or a file it includes (-r)
  int line = 0;
};

enum class ManifestKind { Requirements, Pyproject };

struct DependencyManifest {
  std::string path;  // display path
  std::string dir;   // its folder ("" for the current directory)
  ManifestKind kind = ManifestKind::Requirements;
  // What installing it installs: its own lines, the files it includes (-r), and the
  // dependencies of local projects it installs (-e . / ./pkg with a pyproject.toml).
  std::vector<Requirement> requirements;
  // A pyproject.toml without [project] dependencies or [tool.poetry] dependencies declares
  // nothing: it is a tool's configuration file, not a manifest.
  bool declares_dependencies = true;
};

struct DependencyFacts {
  std::vector<DependencyManifest> manifests;
};

// PEP 503 normalization: "Databricks_SQL.Connector" -> "databricks-sql-connector".
std::string normalize_distribution(std::string_view name);

}  // namespace obolint::facts

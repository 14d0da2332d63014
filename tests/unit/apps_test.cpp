// The readers behind OBO009/OBO010: requirements files, pyproject.toml, bundle YAML (with its
// bounds against hostile input), and app folders.
#include <gtest/gtest.h>

#include "apps/bundles.h"
#include "apps/project_files.h"
#include "apps/pyproject.h"
#include "apps/requirements.h"
#include "apps/yaml_doc.h"
#include "cli_support.h"

namespace obolint {
namespace {

using apps::parse_pep508;
using apps::parse_requirements;

TEST(Requirements, NamesAreNormalizedAndPinsRecognized) {
  EXPECT_EQ(facts::normalize_distribution("Databricks_SQL.Connector"), "databricks-sql-connector");
  EXPECT_EQ(facts::normalize_distribution("databricks--sdk"), "databricks-sdk");
  auto p = parse_pep508("databricks-sdk[notebook]==0.38.0 ; python_version >= '3.9'");
  EXPECT_TRUE(p.ok);
  EXPECT_EQ(p.name, "databricks-sdk");
  EXPECT_TRUE(p.pinned);
  EXPECT_FALSE(parse_pep508("databricks-sdk!=0.30").pinned);
  EXPECT_TRUE(parse_pep508("databricks-sdk!=0.30").versioned);
  EXPECT_TRUE(parse_pep508("databricks-sdk===0.38.0").pinned);
  EXPECT_FALSE(parse_pep508("databricks-sdk>=0.38").pinned);
  EXPECT_TRUE(parse_pep508("databricks-sdk @ https://example.com/sdk.whl").pinned);
  EXPECT_FALSE(parse_pep508("databricks-sdk").versioned);
  EXPECT_FALSE(parse_pep508("# a comment").ok);
}

TEST(Requirements, FileSyntax) {
  auto f = parse_requirements(
      "# header\n"
      "flask==3.0.3  # web\n"
      "pandas==2.2.3 \\\n"
      "    --hash=sha256:00\n"
      "-r base.txt\n"
      "--requirement=more.txt\n"
      "-e .\n"
      "./libs/shared\n"
      "-c constraints.txt\n"
      "--index-url https://pypi.example.com/simple\n"
      "git+https://github.com/example/tool@v1#egg=ex-tool\n"
      "databricks-sql-connector\n",
      "requirements.txt");
  ASSERT_EQ(f.requirements.size(), 4u);
  EXPECT_EQ(f.requirements[0].name, "flask");
  EXPECT_EQ(f.requirements[0].line, 2);
  EXPECT_EQ(f.requirements[1].name, "pandas");
  EXPECT_TRUE(f.requirements[1].pinned);
  EXPECT_EQ(f.requirements[1].line, 3);
  EXPECT_EQ(f.requirements[2].name, "ex-tool");
  EXPECT_TRUE(f.requirements[2].pinned);
  EXPECT_EQ(f.requirements[3].name, "databricks-sql-connector");
  EXPECT_FALSE(f.requirements[3].versioned);
  EXPECT_EQ(f.requirements[3].line, 12);
  ASSERT_EQ(f.includes.size(), 2u);
  EXPECT_EQ(f.includes[0].target, "base.txt");
  EXPECT_EQ(f.includes[1].target, "more.txt");
  ASSERT_EQ(f.local_projects.size(), 2u);
  EXPECT_EQ(f.local_projects[0].target, ".");
  EXPECT_EQ(f.local_projects[1].target, "./libs/shared");
}

TEST(Pyproject, Pep621AndPoetryDependencies) {
  std::vector<Note> notes;
  auto m = apps::parse_pyproject(
      "[project]\nname = \"x\"\ndependencies = [\n  \"databricks-sdk==0.38.0\",\n"
      "  \"flask\",\n]\n[project.optional-dependencies]\nsql = [\"databricks-sql-connector\"]\n",
      "app/pyproject.toml", notes);
  EXPECT_TRUE(m.declares_dependencies);
  EXPECT_EQ(m.dir, "app");
  ASSERT_EQ(m.requirements.size(), 2u);  // optional dependencies are not installed by default
  EXPECT_EQ(m.requirements[0].line, 4);
  EXPECT_TRUE(m.requirements[0].pinned);
  EXPECT_FALSE(m.requirements[1].versioned);
  auto poetry = apps::parse_pyproject(
      "[tool.poetry.dependencies]\npython = \"^3.11\"\nflask = \"3.0.3\"\n"
      "databricks-sdk = {version = \"^0.38\", extras = [\"notebook\"]}\n",
      "pyproject.toml", notes);
  ASSERT_EQ(poetry.requirements.size(), 2u);
  for (const auto& r : poetry.requirements) {
    EXPECT_EQ(r.pinned, r.name == "flask") << r.name;  // "3.0.3" is exact, "^0.38" a range
    EXPECT_TRUE(r.versioned) << r.name;
    EXPECT_EQ(r.line, r.name == "flask" ? 3 : 4) << r.name;
  }
  EXPECT_TRUE(notes.empty());
  auto tool_only =
      apps::parse_pyproject("[tool.ruff]\nline-length = 100\n", "pyproject.toml", notes);
  EXPECT_FALSE(tool_only.declares_dependencies);
  auto broken = apps::parse_pyproject("[project\n", "bad/pyproject.toml", notes);
  EXPECT_FALSE(broken.declares_dependencies);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].path, "bad/pyproject.toml");
}

TEST(YamlDoc, RefusesHostileDocumentsBeforeParsing) {
  EXPECT_FALSE(apps::load_yaml(std::string(100000, '[')).root);
  EXPECT_FALSE(apps::load_yaml(std::string(apps::kMaxYamlBytes + 1, 'a')).root);
  std::string dashes;
  for (int i = 0; i < 200; ++i) dashes += "- ";
  EXPECT_FALSE(apps::load_yaml(dashes + "x\n").root);
  auto broken = apps::load_yaml("a: [1, 2\nb: c\n");
  EXPECT_FALSE(broken.root);
  EXPECT_GT(broken.error_line, 0);
  EXPECT_FALSE(broken.error.empty());
  // Brackets in strings and comments do not count.
  EXPECT_TRUE(apps::load_yaml("a: \"[[[[\"  # [[[[\nb: '{{{{'\n").root);
}

TEST(Bundles, IncludesTargetsAndOddShapes) {
  SourceFile root("b/databricks.yml",
                  "bundle: {name: x}\ninclude:\n  - resources/*.yml\nresources:\n  apps:\n"
                  "    web:\n      source_code_path: ./app\n    templated:\n"
                  "      source_code_path: ${var.p}\n"
                  "targets:\n  dev:\n    resources:\n      apps:\n        web:\n"
                  "          user_api_scopes: [sql]\n",
                  Language::Text);
  SourceFile inc("b/resources/admin.yml",
                 "resources:\n  apps:\n    admin:\n      source_code_path: ../admin\n"
                 "      user_api_scopes:\n        - files.files\n",
                 Language::Text);
  SourceFile odd("b/resources/odd.yml", "resources: 5\n", Language::Text);
  SourceFile odd2("b/resources/odd2.yml", "resources:\n  apps: [1, 2]\n", Language::Text);
  SourceFile outside("other/admin.yml", "resources:\n  apps:\n    z: {}\n", Language::Text);
  apps::ProjectFiles files({&root, &inc, &odd, &odd2, &outside});
  std::vector<Note> notes;
  auto found = apps::read_bundles(files, {"databricks.yml"}, notes);
  EXPECT_TRUE(notes.empty());
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].key, "web");
  EXPECT_EQ(found[0].source_dir, "b/app");
  EXPECT_EQ(found[0].at.span.line, 6);
  EXPECT_EQ(found[0].scopes, std::vector<std::string>{"sql"});  // from the dev target
  EXPECT_EQ(found[1].key, "templated");
  EXPECT_FALSE(found[1].source_dir);
  EXPECT_FALSE(found[1].scopes_declared);
  EXPECT_EQ(found[2].key, "admin");
  EXPECT_EQ(found[2].source_dir, "b/admin");
  EXPECT_EQ(found[2].bundle_file, "b/resources/admin.yml");
  ASSERT_TRUE(found[2].scopes_at);
  EXPECT_EQ(found[2].scopes_at->span.line, 5);
}

TEST(Bundles, AHostileBundleIsANoteNotACrash) {
  test::TempDir dir("obolint-hostile-bundle");
  dir.write("databricks.yml", "resources:\n  apps:\n    x: " + std::string(50000, '[') + "\n");
  dir.write("app/app.py", "import flask\nfrom databricks import sql\n");
  auto r = test::run_obolint({"scan", ".", "--fail-on", "never"}, dir.path());
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.all().find("databricks.yml"), std::string::npos) << r.all();
  EXPECT_NE(r.all().find("nested deeper"), std::string::npos) << r.all();
}

}  // namespace
}  // namespace obolint

#include "core/rules.h"
#include "python/module_role.h"

namespace obolint {
namespace {

facts::ModuleRole role_of(const std::string& path, const std::string& code,
                          std::optional<std::string> app_dir) {
  static const RuleSet rules = RuleSet::load(std::filesystem::path(OBOLINT_SOURCE_DIR) / "rules");
  static const py::AppContextData data = py::AppContextData::load(rules);
  SourceFile file(path, code, Language::Python);
  py::Module m(file);
  return py::decide_role(m, py::read_shape(m), data, app_dir).role;
}

TEST(ModuleRole, FrameworksFoldersTestsScriptsNotebooks) {
  using R = facts::ModuleRole;
  EXPECT_EQ(role_of("pages/home.py", "import streamlit as st\n", std::nullopt), R::App);
  EXPECT_EQ(role_of("lib/util.py", "import os\n", std::nullopt), R::Library);
  EXPECT_EQ(role_of("app/util.py", "import os\n", "app"), R::App);
  EXPECT_EQ(role_of("app/tests/test_util.py", "import flask\n", "app"), R::Test);
  EXPECT_EQ(role_of("app/conftest.py", "import flask\n", "app"), R::Test);
  EXPECT_EQ(role_of("app/scripts/seed.py", "import os\n", "app"), R::Script);
  EXPECT_EQ(role_of("app/.github/skills/gen.py", "import os\n", "app"), R::Script);
  EXPECT_EQ(
      role_of("app/cli.py", "def main(): ...\nif __name__ == \"__main__\":\n    main()\n", "app"),
      R::Script);
  EXPECT_EQ(role_of("app/app.py", "import dash\nif __name__ == '__main__':\n    run()\n", "app"),
            R::App);
  EXPECT_EQ(role_of("app/nb.py", "# Databricks notebook source\nimport os\n", "app"), R::Notebook);
  // Folder names count below the app folder only: an app kept under tools/ is still an app.
  EXPECT_EQ(role_of("tools/pm/main.py", "import os\n", "tools/pm"), R::App);
  // An optional framework import does not make a module web code.
  EXPECT_EQ(role_of("lib/x.py", "try:\n    import flask\nexcept ImportError:\n    flask = None\n",
                    std::nullopt),
            R::Library);
}

TEST(ModuleRole, ImportsAreReadWithTheirLinesAndOptionality) {
  SourceFile file("m.py",
                  "from databricks import sql\nimport databricks.sdk.core as core\n"
                  "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                  "    from databricks.sdk import WorkspaceClient\n"
                  "def f():\n    from . import local\n    return [x for x in sql.y]\n",
                  Language::Python);
  py::Module m(file);
  auto shape = py::read_shape(m);
  ASSERT_EQ(shape.imports.size(), 4u);
  EXPECT_EQ(shape.imports[0].module, "databricks.sql");
  EXPECT_EQ(shape.imports[1].module, "databricks.sdk.core");
  EXPECT_EQ(shape.imports[1].line, 2);
  EXPECT_EQ(shape.imports[3].module, "databricks.sdk.WorkspaceClient");
  EXPECT_TRUE(shape.imports[3].optional);
  EXPECT_FALSE(shape.imports[0].optional);
}

}  // namespace
}  // namespace obolint

// Notebooks: the virtual Python text of .ipynb and Databricks source notebooks, the line and
// column map back to the original file, and end to end (findings on .ipynb lines, SARIF regions,
// suppressions inside cells, a token in a code cell reported once).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli_support.h"
#include "python/notebook.h"

namespace obolint {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// The usual nbformat layout: one source line per JSON string, indent 1.
std::string notebook(const std::vector<std::vector<std::string>>& code_cells,
                     const std::string& language = "python") {
  json cells = json::array();
  cells.push_back({{"cell_type", "markdown"},
                   {"metadata", json::object()},
                   {"source", json::array({"sql.connect(credentials_provider=x)\n"})}});
  for (const auto& c : code_cells) {
    cells.push_back({{"cell_type", "code"},
                     {"execution_count", nullptr},
                     {"metadata", json::object()},
                     {"outputs", json::array()},
                     {"source", c}});
  }
  json nb = {{"cells", cells},
             {"metadata", {{"kernelspec", {{"language", language}, {"name", "k"}}}}},
             {"nbformat", 4},
             {"nbformat_minor", 5}};
  return nb.dump(1) + "\n";
}

int line_of(const std::string& text, const std::string& needle) {
  auto pos = text.find(needle);
  if (pos == std::string::npos) return -1;
  return 1 +
         static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(pos), '\n'));
}

TEST(Jupyter, VirtualTextSkipsMagicsAndNonPythonCells) {
  std::string raw = notebook({{"%pip install x\n", "import os\n", "!ls\n", "files = !ls\n"},
                              {"%%sql\n", "-- select\n", "SELECT 1\n"},
                              {"%%python\n", "y = 2\n"},
                              {"def f():\n", "    %time g()\n", "    return 1"}});
  SourceFile file("nb.ipynb", raw, Language::Text);
  std::vector<Note> notes;
  auto v = make_virtual_source(file, notes);
  ASSERT_TRUE(v) << (notes.empty() ? "" : notes[0].message);
  EXPECT_EQ(v->kind(), NotebookKind::Jupyter);
  EXPECT_EQ(v->python().language(), Language::Python);
  EXPECT_EQ(v->python().path(), "nb.ipynb");
  EXPECT_EQ(v->python().content(),
            "pass\nimport os\npass\npass\n"  // magics and shell lines become `pass`
            "\n\n\n"                         // the %%sql cell is blank
            "\ny = 2\n"                      // %%python runs as Python
            "def f():\n    pass\n    return 1\n");
  // Each virtual line maps to the .ipynb line holding it.
  EXPECT_EQ(v->map_point(2, 1).first, line_of(raw, "\"import os\\n\""));
  EXPECT_EQ(v->map_point(9, 1).first, line_of(raw, "\"y = 2\\n\""));
  EXPECT_EQ(v->map_point(12, 5).first, line_of(raw, "\"    return 1\""));
}

TEST(Jupyter, ColumnsAccountForJsonEscapes) {
  std::string raw = notebook({{"x = \"a\\tb\" + \"\u00e9\"; target = 1\n"}});
  SourceFile file("nb.ipynb", raw, Language::Text);
  std::vector<Note> notes;
  auto v = make_virtual_source(file, notes);
  ASSERT_TRUE(v);
  std::string_view vline = v->python().line_text(1);
  int vcol = count_code_points(vline.substr(0, vline.find("target"))) + 1;
  auto [line, col] = v->map_point(1, vcol);
  std::string_view rline = file.line_text(line);
  EXPECT_EQ(col, count_code_points(rline.substr(0, rline.find("target"))) + 1) << rline;
}

TEST(Jupyter, SingleStringSourceAndBrokenOrForeignNotebooks) {
  json nb = {{"cells", json::array({{{"cell_type", "code"},
                                     {"metadata", json::object()},
                                     {"outputs", json::array()},
                                     {"source", "a = 1\nb = 2"}}})},
             {"metadata", json::object()},
             {"nbformat", 4},
             {"nbformat_minor", 5}};
  std::string raw = nb.dump(1);
  SourceFile file("one.ipynb", raw, Language::Text);
  std::vector<Note> notes;
  auto v = make_virtual_source(file, notes);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->python().content(), "a = 1\nb = 2\n");
  EXPECT_EQ(v->map_point(2, 1).first, v->map_point(1, 1).first);  // same JSON string
  EXPECT_GT(v->map_point(2, 1).second, v->map_point(1, 1).second);

  SourceFile broken("broken.ipynb", "{\"cells\": [\n  {\"cell_type\": \"code\",,}\n",
                    Language::Text);
  EXPECT_FALSE(make_virtual_source(broken, notes));
  ASSERT_FALSE(notes.empty());
  EXPECT_EQ(notes.back().line, 2);
  EXPECT_NE(notes.back().message.find("not a valid notebook"), std::string::npos);

  SourceFile scala("s.ipynb", notebook({{"val x = 1\n"}}, "scala"), Language::Text);
  EXPECT_FALSE(make_virtual_source(scala, notes));
}

TEST(Databricks, PythonMagicCellsAreUncommentedOthersStayComments) {
  std::string raw =
      "# Databricks notebook source\n"
      "import os\n"
      "\n"
      "# COMMAND ----------\n"
      "\n"
      "# MAGIC %sql\n"
      "# MAGIC SELECT 1\n"
      "\n"
      "# COMMAND ----------\n"
      "\n"
      "# MAGIC %python\n"
      "# MAGIC x = 1\n"
      "# MAGIC\n"
      "# MAGIC if x:\n"
      "# MAGIC     y = 2\n";
  SourceFile file("nb.py", raw, Language::Python);
  EXPECT_EQ(notebook_kind(file), NotebookKind::DatabricksSource);
  std::vector<Note> notes;
  auto v = make_virtual_source(file, notes);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->python().line_count(), file.line_count());
  EXPECT_EQ(v->python().line_text(7), "# MAGIC SELECT 1");
  EXPECT_EQ(v->python().line_text(11), "");
  EXPECT_EQ(v->python().line_text(12), "x = 1");
  EXPECT_EQ(v->python().line_text(15), "    y = 2");
  EXPECT_EQ(v->map_point(15, 5), std::make_pair(15, 13));

  SourceFile plain("plain.py", "import os\n", Language::Python);
  EXPECT_EQ(notebook_kind(plain), NotebookKind::None);
  EXPECT_FALSE(make_virtual_source(plain, notes));
}

// --- end to end ----------------------------------------------------------------------------------

TEST(NotebookCli, FindingsPointAtIpynbLinesAndSarifRegions) {
  test::TempDir dir("obolint-notebook");
  std::string raw = notebook(
      {{"from databricks import sql\n", "from databricks.sdk.core import Config\n",
        "cfg = Config()\n"},
       {"!pip install databricks-sql-connector\n",
        "conn = sql.connect(server_hostname=\"h\", credentials_provider=lambda: "
        "cfg.authenticate)\n",
        "ok = sql.connect(credentials_provider=lambda: cfg.authenticate)  # noqa: OBO001\n"},
       {"token = \"dapi0123456789abcdef0123456789abcd31\"\n"},
       {"%%sql\n", "-- sql.connect(credentials_provider=lambda: cfg.authenticate)\n"}});
  dir.write("analysis.ipynb", raw);
  auto r = test::run_obolint({"scan", "--format", "json", "--fail-on", "never"}, dir.path());
  ASSERT_EQ(r.status, 0) << r.all();
  json doc = json::parse(r.out);
  std::vector<std::string> got;
  for (const auto& f : doc["findings"]) {
    got.push_back(f["rule"].get<std::string>() + "@" + std::to_string(f["line"].get<int>()) + ":" +
                  std::to_string(f["column"].get<int>()));
  }
  int conn_line = line_of(raw, "conn = sql.connect");
  std::string conn_text(dir.read("analysis.ipynb"));
  // Kept alive: line_text() views into the file's own copy of the text.
  const SourceFile raw_file("x", conn_text, Language::Text);
  std::string_view conn_row = raw_file.line_text(conn_line);
  int conn_col = count_code_points(conn_row.substr(0, conn_row.find("credentials_provider"))) + 1;
  int token_line = line_of(raw, "token = ");
  std::string_view token_row = raw_file.line_text(token_line);
  int token_col = count_code_points(token_row.substr(0, token_row.find("dapi"))) + 1;
  // One OBO003 for the token (the raw text scan and the Python literal agree on the position).
  EXPECT_EQ(got, (std::vector<std::string>{
                     "OBO001@" + std::to_string(conn_line) + ":" + std::to_string(conn_col),
                     "OBO003@" + std::to_string(token_line) + ":" + std::to_string(token_col)}))
      << r.out;
  EXPECT_EQ(doc["summary"]["suppressed"], 1);

  r = test::run_obolint({"scan", "--format", "sarif", "--fail-on", "never"}, dir.path());
  json sarif = json::parse(r.out);
  bool found = false;
  for (const auto& res : sarif["runs"][0]["results"]) {
    if (res["ruleId"] != "OBO001" || res.contains("suppressions")) continue;
    const auto& loc = res["locations"][0]["physicalLocation"];
    EXPECT_EQ(loc["artifactLocation"]["uri"], "analysis.ipynb");
    EXPECT_EQ(loc["region"]["startLine"], conn_line);
    EXPECT_EQ(loc["region"]["startColumn"], conn_col);
    found = true;
  }
  EXPECT_TRUE(found) << r.out;
}

TEST(NotebookCli, DatabricksSourceNotebook) {
  test::TempDir dir("obolint-notebook");
  dir.write("etl.py",
            "# Databricks notebook source\n"
            "from databricks import sql\n"
            "from databricks.sdk.core import Config\n"
            "cfg = Config()\n"
            "\n"
            "# COMMAND ----------\n"
            "\n"
            "# MAGIC %md\n"
            "# MAGIC Do not write sql.connect(credentials_provider=lambda: cfg.authenticate)\n"
            "\n"
            "# COMMAND ----------\n"
            "\n"
            "# MAGIC %python\n"
            "# MAGIC conn = sql.connect(credentials_provider=lambda: cfg.authenticate)\n");
  auto r = test::run_obolint({"scan", "--format", "json", "--fail-on", "never"}, dir.path());
  ASSERT_EQ(r.status, 0) << r.all();
  json doc = json::parse(r.out);
  ASSERT_EQ(doc["findings"].size(), 1u) << r.out;
  EXPECT_EQ(doc["findings"][0]["rule"], "OBO001");
  EXPECT_EQ(doc["findings"][0]["line"], 14);
  EXPECT_EQ(doc["findings"][0]["column"], 28);  // in the original "# MAGIC conn = ..." line
  EXPECT_TRUE(doc["notes"].empty()) << r.out;
}

}  // namespace
}  // namespace obolint

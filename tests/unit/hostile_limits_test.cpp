// Hostile input that once crashed, hung or ate memory (issue 11), each run through the CLI: no
// crash, bounded CPU time (RLIMIT_CPU, not wall time: the machine may be busy), bounded memory,
// no token whole in the output. Tokens are built at run time: none is written in the repository.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <nlohmann/json.hpp>

#include "cli_support.h"
#include "core/toml_limits.h"

namespace obolint::test {
namespace {

std::string token() {
  return "dapi" + std::string("89abcdef01234567") + "76543210fedcba98";
}

// Runs obolint with at most `cpu_seconds` of CPU time (the shell's ulimit -t).
RunResult run_bounded(const std::vector<std::string>& args, const fs::path& cwd,
                      int cpu_seconds = 60) {
  std::string cmd =
      "ulimit -t " + std::to_string(cpu_seconds) + "; exec " + shell_quote(obolint_binary());
  for (const auto& a : args) cmd += " " + shell_quote(a);
  return run_shell(cmd, cwd);
}

// Largest resident set of any child this test process waited for, in MiB.
long children_max_rss_mib() {
  rusage ru{};
  ::getrusage(RUSAGE_CHILDREN, &ru);
  return ru.ru_maxrss / 1024;
}

void expect_no_token(const RunResult& r) {
  EXPECT_EQ(r.all().find(token()), std::string::npos) << "a whole token was printed";
}

// Found by the parse fuzz target: toml++ reached code it marks unreachable (undefined behaviour)
// on some invalid UTF-8. Such a file is an error at its line, before toml++ sees it.
TEST(HostileLimits, TomlThatIsNotUtf8IsAnErrorAtItsLine) {
  std::string text = "select = [\"OBO\"]\nexclude = [\xce\x9bites`= [\"th.ht\x89\x93>)\"]\n";
  try {
    parse_toml_text(text, "t.toml");
    ADD_FAILURE() << "accepted";
  } catch (const toml::parse_error& e) {
    EXPECT_EQ(e.source().begin.line, 2u);
    EXPECT_NE(std::string(e.description()).find("not valid UTF-8"), std::string::npos);
  }
  // Valid UTF-8 outside a string (TOML allows it in strings and comments only): toml++'s
  // whitespace table is undefined for most such characters, so it never sees one.
  for (const std::string& bad :
       {std::string("[obo00\xc9\xa2]\nx = 1\n"), std::string("x = 1 \xc3\xa9\n")}) {
    try {
      parse_toml_text(bad, "t.toml");
      ADD_FAILURE() << "accepted";
    } catch (const toml::parse_error& e) {
      EXPECT_NE(std::string(e.description()).find("other than ASCII"), std::string::npos);
    }
  }
  // In strings and comments it is kept, with its value (toml++ is handed escapes: its whitespace
  // table is also read inside strings and where an error makes it read ahead).
  auto table = parse_toml_text(
      "# r\xc3\xa9sum\xc3\xa9\nname = \"Andr\xc3\xa9 \\\"x\\\"\"\npath = 'C:\\d\xc3\xa9j\xc3\xa0 "
      "\"q\"'\n"
      "multi = \"\"\"\n\xe2\x82\xac \\\n  \xf0\x9f\x99\x82\"\"\"\nlit = '''\n\xc3\xa9\\'''\n",
      "t.toml");
  EXPECT_EQ(table["name"].value_or(std::string()), "Andr\xc3\xa9 \"x\"");
  EXPECT_EQ(table["path"].value_or(std::string()), "C:\\d\xc3\xa9j\xc3\xa0 \"q\"");
  EXPECT_EQ(table["multi"].value_or(std::string()), "\xe2\x82\xac \xf0\x9f\x99\x82");
  EXPECT_EQ(table["lit"].value_or(std::string()), "\xc3\xa9\\");
  // A backslash before other than ASCII is no escape: still an error, not a valid "\\u..." form.
  EXPECT_THROW(parse_toml_text("x = \"a\\\xc3\xa9\"\n", "t.toml"), toml::parse_error);
  // An error that makes toml++ read ahead into a string (found by the fuzz target).
  EXPECT_THROW(parse_toml_text("sel= 4[\"o\xc7\x93[\xd8\x90lut\n", "t.toml"), toml::parse_error);
  // ... and into an unterminated literal string (found by the fuzz target on 2026-11-30).
  EXPECT_THROW(parse_toml_text("q= 4\"da[\"oF'F=F\xc7\x93[\xd8\x90"
                               "ee ",
                               "t.toml"),
               toml::parse_error);
  // A terminated literal string keeps its value.
  EXPECT_EQ(parse_toml_text("q = 'd\xc3\xa9j\xc3\xa0'\n", "t.toml")["q"].value_or(std::string()),
            "d\xc3\xa9j\xc3\xa0");
  TempDir dir("obolint-toml-utf8");
  dir.write(".obolint.toml", text);
  dir.write("app.py", "x = 1\n");
  auto r = run_bounded({"scan"}, dir.path());
  EXPECT_EQ(r.status, 2) << r.err.substr(0, 500);
  EXPECT_NE(r.err.find(".obolint.toml:2:"), std::string::npos) << r.err.substr(0, 500);
}

// Found by the secrets fuzz target (its oracle wanted matches apart): two refresh tokens sharing
// characters are both found, and every redaction (the report's snippets included) hides their
// union.
TEST(HostileLimits, OverlappingGluedTokensAreHiddenTogether) {
  std::string hex = "0123456790abcdef0123456789abcdef";
  // The first token's 32nd digit is the second token's "d".
  std::string first = "doau" + hex.substr(0, 31) + "d", second = "doau" + hex;
  std::string line = "one: x" + first + second.substr(1) + "  # e\n";
  TempDir dir("obolint-overlap");
  dir.write("creds.txt", line);
  for (const char* format : {"text", "json", "sarif"}) {
    auto r = run_bounded({"scan", "--format", format, "--fail-on", "never"}, dir.path());
    EXPECT_EQ(r.status, 0) << r.err;
    for (const std::string& out : {r.out, r.err}) {
      EXPECT_EQ(out.find(first), std::string::npos) << out.substr(0, 2000);
      EXPECT_EQ(out.find(second), std::string::npos) << out.substr(0, 2000);
    }
  }
}

TEST(HostileLimits, TokensGluedToWordCharactersAreFoundAndRedacted) {
  TempDir dir("obolint-glued");
  dir.write("creds.txt", "url=https://x/?token%3D" + token() + "&a=1\nPAT_" + token() +
                             " = 1\nold=" + token() + "-1b\n");
  for (const char* format : {"text", "json", "sarif", "gitlab"}) {
    auto r = run_bounded({"scan", "--format", format, "--fail-on", "never"}, dir.path());
    EXPECT_EQ(r.status, 0) << r.err;
    expect_no_token(r);
  }
  auto r = run_bounded({"scan", "--format", "json", "--fail-on", "never"}, dir.path());
  auto report = nlohmann::json::parse(r.out);
  ASSERT_EQ(report["findings"].size(), 3u) << report.dump(1).substr(0, 2000);
  for (const auto& f : report["findings"]) {
    EXPECT_EQ(f["rule"], "OBO003");
    EXPECT_NE(f["snippet"].get<std::string>().find("dapi****ba98"), std::string::npos);
  }
}

TEST(HostileLimits, TwoHundredThousandFindingsInOneFileTakeSeconds) {
  TempDir dir("obolint-many");
  std::string text;
  for (int i = 0; i < 200000; ++i) text += "K=" + token() + "\n";
  dir.write("many.env", text);
  auto r = run_bounded({"scan", "--format", "json", "--fail-on", "never"}, dir.path());
  ASSERT_EQ(r.status, 0) << "killed by the CPU limit (quadratic?): " << r.err.substr(0, 500);
  expect_no_token(r);
  EXPECT_EQ(nlohmann::json::parse(r.out)["findings"].size(), 200000u);
}

TEST(HostileLimits, EightThousandAssignmentsOfTheTokenKeepTracesBounded) {
  TempDir dir("obolint-assign");
  std::string src =
      "from flask import request\nfrom databricks import sql\n\ndef handler():\n"
      "    t0 = request.headers.get('X-Forwarded-Access-Token')\n";
  for (int i = 1; i < 8000; ++i) {
    src += "    t" + std::to_string(i) + " = t" + std::to_string(i - 1) + "\n";
  }
  src += "    sql.connect(server_hostname='h', http_path='p', access_token=t7999)\n";
  dir.write("app.py", src);
  auto r = run_bounded({"scan", "--format", "json", "--fail-on", "never"}, dir.path());
  ASSERT_EQ(r.status, 0) << r.err.substr(0, 500);
  auto report = nlohmann::json::parse(r.out);
  ASSERT_EQ(report["findings"].size(), 1u) << r.out.substr(0, 2000);
  auto flow = report["findings"][0]["flow"];
  EXPECT_GT(flow.size(), 2u);
  EXPECT_LE(flow.size(), 40u) << "traces keep their first and latest steps";
  // Copying the trace on every assignment took 4 GB; the bounded trace takes tens of MB.
  EXPECT_LT(children_max_rss_mib(), 1500);
}

TEST(HostileLimits, DeeplyNestedPythonIsANoteNotACrash) {
  TempDir dir("obolint-nested");
  const int n = 300000;
  dir.write("parens.py", "import os\nT = os.getenv('DATABRICKS_TOKEN', " + std::string(n, '(') +
                             "'" + token() + "'" + std::string(n, ')') + ")\n");
  std::string sum = "x = a";
  for (int i = 0; i < 100000; ++i) sum += " + a";
  dir.write("sum.py", "from databricks import sql\n" + sum + "\n");
  std::string attrs = "from databricks import sql\ny = sql";
  for (int i = 0; i < 100000; ++i) attrs += ".a";
  dir.write("attrs.py", attrs + "\n");
  auto r = run_bounded({"scan", "--format", "json", "--fail-on", "never"}, dir.path());
  ASSERT_EQ(r.status, 0) << r.err.substr(0, 500);
  expect_no_token(r);
  auto report = nlohmann::json::parse(r.out);
  int nested_notes = 0;
  for (const auto& note : report["notes"]) {
    nested_notes +=
        note["message"].get<std::string>().find("nested more than 25000") != std::string::npos;
  }
  EXPECT_EQ(nested_notes, 3) << report["notes"].dump(1);
  // The token inside the parentheses is still found by the text scan.
  ASSERT_GE(report["findings"].size(), 1u);
  EXPECT_EQ(report["findings"][0]["rule"], "OBO003");
}

TEST(HostileLimits, ModeratelyNestedPythonIsStillAnalysed) {
  TempDir dir("obolint-nested-ok");
  const int n = 150;  // deeper than real code, within the limit
  dir.write("app.py", "from databricks import sql\nT = " + std::string(n, '(') + "'x'" +
                          std::string(n, ')') + "\nsql.connect(access_token=" +
                          std::string(n, '(') + "'" + token() + "'" + std::string(n, ')') + ")\n");
  auto r = run_bounded({"scan", "--format", "json", "--fail-on", "never"}, dir.path());
  ASSERT_EQ(r.status, 0) << r.err.substr(0, 500);
  expect_no_token(r);
  EXPECT_EQ(r.out.find("nested more than"), std::string::npos);
}

TEST(HostileLimits, DeepTomlTableNamesAreRefusedBeforeParsing) {
  TempDir dir("obolint-toml");
  std::string name = "a";
  for (int i = 0; i < 300000; ++i) name += ".a";
  dir.write("app/pyproject.toml", "[" + name + "]\nx = 1\n");
  dir.write("app/app.yaml", "command: [python, app.py]\n");
  dir.write("app/app.py", "import streamlit as st\n");
  auto r = run_bounded({"scan", "--format", "json", "--fail-on", "never"}, dir.path());
  ASSERT_EQ(r.status, 0) << r.err.substr(0, 500);
  // The configuration file: an error naming the file and line, exit status 2.
  dir.write(".obolint.toml", "[" + name + "]\n");
  r = run_bounded({"scan"}, dir.path());
  EXPECT_EQ(r.status, 2) << r.err.substr(0, 500);
  EXPECT_NE(r.err.find(".obolint.toml:1:"), std::string::npos) << r.err.substr(0, 500);
  EXPECT_NE(r.err.find("more than 64 parts"), std::string::npos) << r.err.substr(0, 500);
}

TEST(HostileLimits, TomlLimitsCountKeysAndNestingNotValues) {
  auto refused = [](const std::string& text) {
    try {
      check_toml_limits(text, "t.toml");
      return false;
    } catch (const toml::parse_error&) {
      return true;
    }
  };
  std::string dots;
  for (int i = 0; i < 70; ++i) dots += ".k";
  EXPECT_TRUE(refused("k" + dots + " = 1\n"));
  EXPECT_TRUE(refused("[t]\nx = { k" + dots + " = 1 }\n"));
  EXPECT_TRUE(refused("x = " + std::string(70, '[') + std::string(70, ']') + "\n"));
  EXPECT_TRUE(refused("x = " + std::string(70, '{') + "\n"));
  // Dots in values, strings and comments are no key parts.
  std::string floats = "x = [";
  for (int i = 0; i < 200; ++i) floats += "1.5, ";
  EXPECT_FALSE(refused(floats + "2.5]\n"));
  EXPECT_FALSE(refused("v = \"" + dots + "\"\n# " + dots + "\nw = '''\n" + dots + "\n'''\n"));
  EXPECT_FALSE(refused("[tool.poetry.dependencies]\n\"a.b\".c = { version = \"1.2.3\" }\n"));
}

TEST(HostileLimits, LongSuppressionCommentsAreReadInLinearTime) {
  TempDir dir("obolint-noqa");
  std::string ids;
  for (int i = 0; i < 20000; ++i) ids += "A1 ";
  std::string lines = "T = '" + token() + "'  # noqa: " + ids + "\n" + "x = 1  # obolint: ignore[" +
                      std::string(100000, 'x') + "]\n" + "y = 1  # noqa: OBO003 " +
                      std::string(100000, ' ') + "reason\n";
  dir.write("a.py", lines);
  dir.write("b.cpp", "int x; // NOLINT(" + std::string(100000, 'a') + ")\n" + "const char* t = \"" +
                         token() + "\"; // obolint: ignore[" + ids + "]\n");
  auto r = run_bounded({"scan", "--report-unused-suppressions", "--format", "sarif",
                        "--sarif-keep-suppressed", "--fail-on", "never"},
                       dir.path());
  ASSERT_EQ(r.status, 0) << r.err.substr(0, 500);
  expect_no_token(r);
}

TEST(HostileLimits, MalformedPythonNameChainsResolveInLinearTime) {
  TempDir dir("obolint-resolve");
  std::string src = "from databricks.sdk import WorkspaceClient\nx0 = WorkspaceClient(\n";
  for (int i = 1; i < 3000; ++i) {
    std::string p = "x" + std::to_string(i - 1);
    src += "x" + std::to_string(i) + " = " + p + "(" + p + ", " + p + ") if " + p + " else " + p +
           ".a(\n";
  }
  for (int i = 0; i < 2000; ++i) src += "y = y.b(y, y) or y\n";
  src += "x2999.statement_execution.execute_statement(y\n";
  dir.write("bad.py", src);
  auto r = run_bounded({"scan", "--format", "json", "--fail-on", "never"}, dir.path(), 120);
  ASSERT_EQ(r.status, 0) << "killed by the CPU limit (exponential?): " << r.err.substr(0, 500);
}

}  // namespace
}  // namespace obolint::test

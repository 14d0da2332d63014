// The C++ front end is a component loaded only when C++ files are scanned: a Python-only scan
// (and the pre-commit hook) never maps LLVM; without the component, C++ files still get their
// secret scan and a note that says why the rest is missing, and Python is unaffected.
#include <gtest/gtest.h>

#include "cli_support.h"
#include "rules_copy.h"

namespace obolint::test {
namespace {

const std::string kToken = "dapi0123456789abcdef0123456789abcdef";

void write_project(const TempDir& dir) {
  dir.write("app.py",
            "from databricks import sql\nconn = sql.connect(credentials_provider=None)\n");
  dir.write("native/client.cpp",
            "#include <string>\n"
            "std::string token() { return \"" +
                kToken + "\"; }\n");
}

// Runs obolint with `env` prepended (VAR=value ...), loader diagnostics on standard error.
RunResult run_with(const std::string& env, const std::vector<std::string>& args,
                   const fs::path& cwd) {
  std::string cmd = env + " " + shell_quote(obolint_binary());
  for (const auto& a : args) cmd += " " + shell_quote(a);
  return run_shell(cmd, cwd);
}

TEST(CppComponent, PythonOnlyScansNeverLoadLlvm) {
  TempDir dir("obolint-component");
  write_project(dir);
  auto r = run_with("LD_DEBUG=files", {"scan", "app.py", "--fail-on", "never"}, dir.path());
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err.find("libLLVM"), std::string::npos) << "LLVM loaded for a Python-only scan";
  EXPECT_EQ(r.err.find("obolint-cpp"), std::string::npos);
  r = run_with("LD_DEBUG=files", {"scan", ".", "--fail-on", "never"}, dir.path());
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.err.find("obolint-cpp.so"), std::string::npos) << "C++ files load the component";
  EXPECT_NE(r.err.find("libLLVM"), std::string::npos);
}

TEST(CppComponent, MissingComponentIsANoteNotACrash) {
  TempDir dir("obolint-component");
  write_project(dir);
  for (const std::string& env :
       {std::string("OBOLINT_CPP_COMPONENT="), std::string("OBOLINT_CPP_COMPONENT=/nowhere/x.so"),
        "OBOLINT_CPP_COMPONENT=" + (dir / "app.py").string()}) {
    SCOPED_TRACE(env);
    auto r = run_with(env, {"scan", "--format", "json"}, dir.path());
    EXPECT_EQ(r.status, 1) << r.err;  // the token in the C++ file still blocks
    EXPECT_NE(r.out.find("C++ analysis unavailable"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\"rule\": \"OBO003\""), std::string::npos) << "secret scan of C++";
    EXPECT_NE(r.out.find("\"rule\": \"OBO001\""), std::string::npos) << "Python unaffected";
    EXPECT_EQ(r.all().find(kToken), std::string::npos);
  }
  auto r = run_with("OBOLINT_CPP_COMPONENT=" + (dir / "app.py").string(),
                    {"scan", "--format", "json"}, dir.path());
  EXPECT_NE(r.out.find("cannot load"), std::string::npos) << r.out;
}

// Rules from elsewhere than obolint's own are checked at load, AST matchers included (through the
// component), whatever the scan holds: a broken matcher stops a Python-only scan too.
TEST(CppComponent, BrokenMatcherInOtherRulesStopsEveryScan) {
  RulesCopy copy("obolint-component-matcher");
  copy.replace("languages/cpp.toml",
               "callExpr(anyOf(callee(expr(anyOf(memberExpr(member(hasName(\"getHeader\"",
               "calExpr(anyOf(callee(expr(anyOf(memberExpr(member(hasName(\"getHeader\"");
  TempDir dir("obolint-component");
  dir.write("app.py", "x = 1\n");
  auto r = run_obolint({"scan", "--rules-dir", copy.dir().string(), "app.py"}, dir.path());
  EXPECT_EQ(r.status, 2) << r.all();
  EXPECT_NE(r.err.find("invalid AST matcher"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("languages/cpp.toml:"), std::string::npos) << r.err;
  // obolint's own rules: a Python-only scan does not load Clang to re-check them.
  r = run_with("LD_DEBUG=files", {"scan", "app.py"}, dir.path());
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.err.find("libLLVM"), std::string::npos);
}

TEST(CppComponent, VersionReportsWhereItComesFrom) {
  auto r = run_obolint({"version", "--verbose"});
  EXPECT_EQ(r.status, 0) << r.all();
  EXPECT_NE(r.out.find("C++ front end: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("obolint-cpp.so"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace obolint::test

// Unit tests of the Python token flow analysis (OBO004/OBO005): the state lattice, the
// control-flow reasoning on small programs, summaries across modules, and rule data.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/rules.h"
#include "core/source_file.h"
#include "engine/analyze.h"
#include "engine/scan.h"
#include "python/flow_patterns.h"
#include "python/flow_state.h"
#include "rules_copy.h"

namespace obolint {
namespace {

namespace fs = std::filesystem;
using py::flow::kMayBeNone;
using py::flow::kMayBePlaceholder;
using py::flow::State;
using py::flow::Taint;
using py::flow::Value;

fs::path rules_dir() {
  return fs::path(OBOLINT_TEST_FIXTURES).parent_path().parent_path() / "rules";
}

const RuleSet& rules() {
  static const RuleSet r = RuleSet::load(rules_dir());
  return r;
}

struct Result {
  std::vector<Finding> findings;
  std::vector<Note> notes;
  // "OBO004@5" for each OBO004/OBO005 finding (line of the report).
  std::multiset<std::string> keys() const {
    std::multiset<std::string> out;
    for (const auto& f : findings) {
      if (f.rule_id == "OBO004" || f.rule_id == "OBO005") {
        out.insert(f.rule_id + "@" + std::to_string(f.span.line));
      }
    }
    return out;
  }
};

Result analyze(const std::vector<std::pair<std::string, std::string>>& files,
               const RuleSet& rule_set = rules()) {
  std::vector<InputFile> owned;
  for (const auto& [path, text] : files) {
    owned.push_back({path, {}, std::make_unique<SourceFile>(path, text, Language::Python)});
  }
  Analysis a = obolint::analyze(std::move(owned), rule_set, ScanOptions{});
  return Result{std::move(a.findings), std::move(a.notes)};
}

Result analyze(const std::string& text) {
  return analyze({{"app.py", text}});
}

// q() connects with its argument: a credential sink (OBO004 is about tokens that reach one).
const std::string kPrelude =
    "from flask import request, abort\n"
    "from databricks import sql\n"
    "def q(token):\n"
    "    return sql.connect(access_token=token)\n";
// Line numbers below count from 1 at the first line after the prelude plus this offset.
constexpr int kPreludeLines = 4;
std::string at(int body_line, const char* rule = "OBO004") {
  return std::string(rule) + "@" + std::to_string(kPreludeLines + body_line);
}
std::multiset<std::string> none() {
  return {};
}

// ---------------------------------------------------------------------------------------------
// The lattice

Taint source(unsigned mask) {
  Taint t;
  t.mask = mask;
  return t;
}

TEST(TokenFlowState, JoinKeepsUncheckedFromEitherPath) {
  State checked, unchecked;
  checked.vars["token"] = source(0);
  unchecked.vars["token"] = source(kMayBeNone);
  State j = py::flow::join(checked, unchecked);
  ASSERT_TRUE(j.find("token"));
  EXPECT_TRUE(j.find("token")->unchecked());
  EXPECT_FALSE(py::flow::join(checked, checked).find("token")->unchecked());
}

TEST(TokenFlowState, UnreachableIsTheIdentityOfJoin) {
  State s;
  s.vars["token"] = source(0);
  State j = py::flow::join(State::unreachable(), s);
  EXPECT_TRUE(j.reachable);
  EXPECT_FALSE(j.find("token")->unchecked());
  EXPECT_FALSE(py::flow::join_all({}).reachable);
}

// `missing`: known missing on every path (must); `may_missing`: on some path reaching here (the
// fall-through after `if token: return ...`), which is where the app's own credentials used
// "when the token is missing" run.
TEST(TokenFlowState, MissingOnEveryPathOrOnSome) {
  State a, b;
  a.vars["token"] = source(kMayBeNone);
  a.vars["token"].missing = true;
  b.vars["token"] = source(kMayBeNone);
  EXPECT_TRUE(a.in_missing_branch(false));
  EXPECT_FALSE(py::flow::join(a, b).in_missing_branch(false));
  EXPECT_TRUE(py::flow::join(a, b).in_missing_branch(true));
  EXPECT_TRUE(py::flow::join(a, a).in_missing_branch(false));
  State c;  // not tainted on the other path: not known missing after the join, but may be
  EXPECT_FALSE(py::flow::join(a, c).in_missing_branch(false));
  EXPECT_TRUE(py::flow::join(a, c).in_missing_branch(true));
  EXPECT_FALSE(py::flow::join(b, c).in_missing_branch(true));
}

TEST(TokenFlowState, LiteralOnTheOtherSideWidensTheMissingValues) {
  Value token;
  token.taint = source(0);
  Value none_literal;
  none_literal.literal = Value::Literal::None;
  Value placeholder;
  placeholder.literal = Value::Literal::String;
  placeholder.text = "anonymous";
  EXPECT_EQ(py::flow::join(token, none_literal).taint->mask, unsigned{kMayBeNone});
  Value p = py::flow::join(placeholder, token);
  EXPECT_EQ(p.taint->mask, unsigned{kMayBePlaceholder});
  EXPECT_EQ(p.taint->placeholder, "anonymous");
  Value other;  // an unknown untainted value: the token as it was
  EXPECT_EQ(py::flow::join(token, other).taint->mask, 0u);
}

// ---------------------------------------------------------------------------------------------
// Patterns

TEST(TokenFlowPatterns, SuffixPatternsMatchAtADotBoundary) {
  py::flow::PatternList list({"flask.request.headers", "*.headers"});
  EXPECT_TRUE(list.matches("flask.request.headers", ""));
  EXPECT_TRUE(list.matches("", "request.headers"));
  EXPECT_TRUE(list.matches("", "headers"));
  EXPECT_TRUE(list.matches("streamlit.context.headers", "st.context.headers"));
  EXPECT_FALSE(list.matches("", "request.myheaders"));
  EXPECT_FALSE(list.matches("", "request.headers.get"));
}

TEST(TokenFlowPatterns, HeaderNameForms) {
  auto p = py::flow::FlowPatterns::load(rules());
  EXPECT_TRUE(p.is_header_key("x-FORWARDED-access-token"));
  EXPECT_FALSE(p.is_header_key("X-Forwarded-Email"));
  EXPECT_TRUE(p.is_environ_key("HTTP_X_FORWARDED_ACCESS_TOKEN"));
  EXPECT_FALSE(p.is_environ_key("X-Forwarded-Access-Token"));
  EXPECT_TRUE(p.is_attribute_name("x_forwarded_access_token"));
  EXPECT_TRUE(p.mentions_header("environ['HTTP_X_FORWARDED_ACCESS_TOKEN']"));
  EXPECT_FALSE(p.mentions_header("request.headers.get('X-Forwarded-Email')"));
}

// ---------------------------------------------------------------------------------------------
// Control flow

TEST(TokenFlowControl, ReferenceAntiPattern4) {
  auto r = analyze(kPrelude +
                   "def get_data():\n"
                   "    token = request.headers.get('X-Forwarded-Access-Token')\n"
                   "    return q(token)\n");
  EXPECT_EQ(r.keys(), (std::multiset<std::string>{at(3)}));
  ASSERT_EQ(r.findings.size(), 1u);
  const Finding& f = r.findings[0];
  EXPECT_EQ(f.span.column, 14);
  ASSERT_EQ(f.related.size(), 1u);
  EXPECT_EQ(f.related[0].span.line, kPreludeLines + 2);
  // read -> assignment -> use
  ASSERT_EQ(f.flow.size(), 3u);
  EXPECT_EQ(f.flow[1].message, "assigned to token");
  EXPECT_NE(f.message.find("line " + std::to_string(kPreludeLines + 2) + ":13"), std::string::npos)
      << f.message;
}

TEST(TokenFlowControl, EarlyExitsCheckTheRestOfTheFunction) {
  for (const char* exit : {"return None", "raise ValueError()", "abort(401)"}) {
    auto r = analyze(kPrelude + "def f():\n" +
                     "    token = request.headers.get('X-Forwarded-Access-Token')\n" +
                     "    if not token:\n" + "        " + exit + "\n" + "    return q(token)\n");
    EXPECT_EQ(r.keys(), none()) << exit;
  }
}

TEST(TokenFlowControl, ACheckThatDoesNotLeaveThePathDoesNotCount) {
  auto r = analyze(kPrelude +
                   "def f():\n"
                   "    token = request.headers.get('X-Forwarded-Access-Token')\n"
                   "    if not token:\n"
                   "        print('no token')\n"
                   "    return q(token)\n");
  EXPECT_EQ(r.keys(), (std::multiset<std::string>{at(5)}));
}

TEST(TokenFlowControl, BranchesNarrowBothWays) {
  auto r = analyze(kPrelude +
                   "def f():\n"
                   "    token = request.headers.get('X-Forwarded-Access-Token')\n"
                   "    if token is not None:\n"
                   "        q(token)\n"
                   "    else:\n"
                   "        q(token)\n"
                   "    if token:\n"
                   "        pass\n"
                   "    elif token is None:\n"
                   "        return\n"
                   "    q(token)\n");
  // Line 6: inside the else of `is not None` (known missing). Line 11: every path checked it
  // (.get() gives None when the header is missing, so `elif token is None: return` suffices).
  EXPECT_EQ(r.keys(), (std::multiset<std::string>{at(6)}));
}

TEST(TokenFlowControl, ShortCircuitAndConditionalExpression) {
  auto r = analyze(kPrelude +
                   "def f():\n"
                   "    token = request.headers.get('X-Forwarded-Access-Token')\n"
                   "    a = token and q(token)\n"
                   "    b = q(token) if token else None\n"
                   "    c = None if token else q(token)\n"
                   "    d = token or q(token)\n");
  EXPECT_EQ(r.keys(), (std::multiset<std::string>{at(5), at(6)}));
}

TEST(TokenFlowControl, TryExceptEntersHandlersFromAnyPointOfTheBody) {
  auto r = analyze(kPrelude +
                   "def f():\n"
                   "    token = request.headers.get('X-Forwarded-Access-Token')\n"
                   "    try:\n"
                   "        if not token:\n"
                   "            raise ValueError()\n"
                   "        q(token)\n"
                   "    except ValueError:\n"
                   "        q(token)\n"
                   "    finally:\n"
                   "        pass\n");
  EXPECT_EQ(r.keys(), (std::multiset<std::string>{at(8)}));
}

TEST(TokenFlowControl, LoopsReachAFixpoint) {
  auto r = analyze(kPrelude +
                   "def f(items):\n"
                   "    token = 'x'\n"
                   "    for item in items:\n"
                   "        q(token)\n"
                   "        token = request.headers.get('X-Forwarded-Access-Token')\n"
                   "        if not token:\n"
                   "            continue\n"
                   "        q(token)\n"
                   "    while True:\n"
                   "        if token:\n"
                   "            break\n"
                   "    q(token)\n");
  // Line 4 sees the read of the previous iteration (may be missing); line 12 is after a loop
  // that only exits through `break` when the token is present.
  EXPECT_EQ(r.keys(), (std::multiset<std::string>{at(4)}));
}

TEST(TokenFlowControl, MatchAndWith) {
  auto r = analyze(kPrelude +
                   "def f(kind):\n"
                   "    token = request.headers.get('X-Forwarded-Access-Token')\n"
                   "    with open('x') as fh:\n"
                   "        match token:\n"
                   "            case None:\n"
                   "                return fh\n"
                   "            case _:\n"
                   "                q(token)\n"
                   "    match kind:\n"
                   "        case 'a':\n"
                   "            return None\n"
                   "    q(token)\n");
  EXPECT_EQ(r.keys(), none());
}

TEST(TokenFlowControl, NestedFunctionsSeeTheStateAtTheirDefinition) {
  auto r = analyze(kPrelude +
                   "def f():\n"
                   "    token = request.headers.get('X-Forwarded-Access-Token')\n"
                   "    def early():\n"
                   "        return q(token)\n"
                   "    if not token:\n"
                   "        return None\n"
                   "    def late():\n"
                   "        return q(token)\n"
                   "    return early, late\n");
  EXPECT_EQ(r.keys(), (std::multiset<std::string>{at(4)}));
}

TEST(TokenFlowControl, MembershipIsAFactOnEveryPath) {
  auto r = analyze(kPrelude +
                   "def f(flag):\n"
                   "    if 'X-Forwarded-Access-Token' not in request.headers:\n"
                   "        abort(401)\n"
                   "    q(request.headers['X-Forwarded-Access-Token'])\n"
                   "def g(flag):\n"
                   "    if flag:\n"
                   "        if 'X-Forwarded-Access-Token' not in request.headers:\n"
                   "            abort(401)\n"
                   "    q(request.headers['X-Forwarded-Access-Token'])\n");
  EXPECT_EQ(r.keys(), (std::multiset<std::string>{at(9)}));
}

TEST(TokenFlowControl, FingerprintsDoNotDependOnLines) {
  const std::string body =
      "def f():\n"
      "    token = request.headers.get('X-Forwarded-Access-Token')\n"
      "    return q(token)\n";
  auto a = analyze(kPrelude + body);
  auto b = analyze(kPrelude + "\n\n# moved\n" + body);
  ASSERT_EQ(a.findings.size(), 1u);
  ASSERT_EQ(b.findings.size(), 1u);
  EXPECT_NE(a.findings[0].span.line, b.findings[0].span.line);
  EXPECT_EQ(a.findings[0].fingerprint_text, b.findings[0].fingerprint_text);
  EXPECT_EQ(a.findings[0].fingerprint_text, "f:q:token");
}

TEST(TokenFlowControl, ModuleGlobalsAsModuleCodeLeavesThem) {
  auto r = analyze(
      "import streamlit as st\n"
      "checked = st.context.headers.get('X-Forwarded-Access-Token')\n"
      "raw = st.context.headers.get('X-Forwarded-Access-Token')\n"
      "def a():\n"
      "    return run_query(checked)\n"
      "def b():\n"
      "    return run_query(raw)\n"
      "def c(raw):\n"
      "    return run_query(raw)\n"
      "if not checked:\n"
      "    st.stop()\n");
  EXPECT_EQ(r.keys(), (std::multiset<std::string>{"OBO004@7"}));
}

TEST(TokenFlowControl, ChecksAreNotUses) {
  auto r = analyze(kPrelude +
                   "def f():\n"
                   "    token = request.headers.get('X-Forwarded-Access-Token')\n"
                   "    print(len(token or ''), bool(token), isinstance(token, str))\n"
                   "    return token\n");
  EXPECT_EQ(r.keys(), none());
}

TEST(TokenFlowControl, SyntaxErrorsDoNotCrash) {
  auto r = analyze(kPrelude +
                   "def f(:\n"
                   "    token = request.headers.get('X-Forwarded-Access-Token'\n"
                   "    if not token\n"
                   "        return q(token)\n"
                   "    match token:\n"
                   "      case\n"
                   "    q(token) if else\n"
                   "lambda: (yield)\n"
                   "try:\n");
  EXPECT_FALSE(r.notes.empty());
}

TEST(TokenFlowControl, VeryDeepExpressionsDoNotExhaustTheStack) {
  std::string sum = "token", cond = "token";
  for (int i = 0; i < 20000; ++i) {
    sum += " + token";
    cond += " and token";
  }
  auto r = analyze(
      kPrelude + "def f():\n" + "    token = request.headers.get('X-Forwarded-Access-Token')\n" +
      "    x = " + sum + "\n" + "    if " + cond + ":\n" + "        pass\n" + "    q(x)\n");
  EXPECT_EQ(r.keys(), (std::multiset<std::string>{at(6)}));
}

// ---------------------------------------------------------------------------------------------
// Summaries and OBO005

TEST(TokenFlowSummaries, HelpersAcrossModules) {
  auto r = analyze({{"pkg/__init__.py", ""},
                    {"pkg/auth.py",
                     "from flask import request\n"
                     "def user_token():\n"
                     "    return request.headers.get('X-Forwarded-Access-Token')\n"
                     "def checked():\n"
                     "    t = user_token()\n"
                     "    if t is None:\n"
                     "        raise PermissionError()\n"
                     "    return t\n"},
                    {"pkg/views.py",
                     "from .auth import user_token, checked\n"
                     "def a():\n"
                     "    return run_query(user_token())\n"
                     "def b():\n"
                     "    return run_query(checked())\n"}});
  ASSERT_EQ(r.keys(), (std::multiset<std::string>{"OBO004@3"}));
  EXPECT_EQ(r.findings[0].path, "pkg/views.py");
  EXPECT_EQ(r.findings[0].related[0].path, "pkg/auth.py");
}

TEST(TokenFlowSummaries, RecursionTerminates) {
  auto r = analyze(kPrelude +
                   "def a(n):\n"
                   "    return b(n) if n else request.headers.get('X-Forwarded-Access-Token')\n"
                   "def b(n):\n"
                   "    return a(n - 1)\n"
                   "def c():\n"
                   "    return q(a(3))\n");
  EXPECT_EQ(r.keys(), (std::multiset<std::string>{at(6)}));
}

TEST(TokenFlowFallback, MissingBranchConnectionsAreOBO005) {
  auto r = analyze(
      "from databricks.sdk import WorkspaceClient\n"
      "from flask import request\n"
      "def f():\n"
      "    token = request.headers.get('X-Forwarded-Access-Token')\n"
      "    if token:\n"
      "        return WorkspaceClient(host='h', token=token)\n"
      "    return WorkspaceClient()\n");
  EXPECT_EQ(r.keys(), (std::multiset<std::string>{"OBO005@7"}));
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].related[0].span.line, 4);
}

// ---------------------------------------------------------------------------------------------
// Rule data: a team's own wrapper, without recompiling

TEST(TokenFlowRuleData, ConfiguredWrapperIsASource) {
  test::RulesCopy copy("obolint_token_flow_rules");
  copy.replace("languages/python.toml", "source_functions = []",
               "source_functions = [\"*.get_obo_token\"]");
  RuleSet custom = RuleSet::load(copy.dir());
  const std::string program =
      "from platform_auth import get_obo_token\n"
      "def f():\n"
      "    token = get_obo_token()\n"
      "    return run_query(token)\n"
      "def g():\n"
      "    token = get_obo_token()\n"
      "    if not token:\n"
      "        return None\n"
      "    return run_query(token)\n";
  EXPECT_EQ(analyze({{"app.py", program}}, custom).keys(),
            (std::multiset<std::string>{"OBO004@4"}));
  EXPECT_EQ(analyze({{"app.py", program}}).keys(), none());
}

}  // namespace
}  // namespace obolint

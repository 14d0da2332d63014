// The facts the C++ token flow gives the checks (facts/token_facts.h): each use's sink and how
// much of the token it reveals, stores beyond the request, service-principal fallbacks, and the
// trace from the header read. The checks' findings are tested by the fixtures.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "cpp_test_support.h"
#include "fixture_annotations.h"

namespace obolint {
namespace {

using facts::Sink;

const facts::TokenUse* use_on_line(const facts::TokenFacts& f, int line) {
  for (const auto& u : f.uses) {
    if (u.at.span.line == line) return &u;
  }
  return nullptr;
}

struct SinkCase {
  const char* statement;
  Sink sink;
};

// One file, one handler per case (one parse for all): the header read, then the statement.
TEST(CppFacts, SinksOfTheKnowledge) {
  const std::vector<SinkCase> cases = {
      {"run_query(token);", Sink::Credential},  // an unknown call named like a query
      {"render_page(token);", Sink::Call},
      {"std::printf(\"%s\", token.c_str());", Sink::Log},
      {"std::cout << \"token: \" << token;", Sink::Log},
      {"CROW_LOG_INFO << \"user token \" << token;", Sink::Log},
      {"spdlog::info(\"token {}\", token);", Sink::Log},
      {"fmt::print(\"{}\\n\", token);", Sink::Log},
      {"syslog(LOG_INFO, \"%s\", token.c_str());", Sink::Log},
      {"res.set_content(token, \"text/plain\");", Sink::Response},
      {"res.body = token;", Sink::Response},
      {"auto r = crow::response(token);", Sink::Response},
      {"resp->setBody(token);", Sink::Response},
      {"cli.set_bearer_token_auth(token);", Sink::Credential},
      {"headers.emplace(\"Authorization\", \"Bearer \" + token);", Sink::Credential},
      {"SQLDriverConnect(dbc, nullptr, (SQLCHAR*)token.c_str(), SQL_NTS);", Sink::Credential},
  };
  std::string text =
      "#include <cstdio>\n#include <iostream>\n#include <string>\n"
      "std::string run_query(const std::string&);\nvoid render_page(const std::string&);\n";
  std::map<int, const SinkCase*> at_line;
  int line = 6;
  for (const auto& c : cases) {
    text += "void h" + std::to_string(line) +
            "(const httplib::Request& req, httplib::Response& res) {\n"
            "  auto token = req.get_header_value(\"X-Forwarded-Access-Token\");\n  " +
            c.statement + "\n}\n";
    at_line[line + 2] = &c;
    line += 4;
  }
  auto f = test::cpp_facts(text);
  for (const auto& [n, c] : at_line) {
    const facts::TokenUse* u = use_on_line(f.token, n);
    if (!u) {
      ADD_FAILURE() << "no use: " << c->statement;
      continue;
    }
    EXPECT_EQ(u->sink, c->sink) << c->statement << ": " << facts::sink_name(u->sink);
    EXPECT_TRUE(u->unchecked) << c->statement;
    EXPECT_EQ(u->reveals, facts::Reveals::Whole) << c->statement;
  }
}

TEST(CppFacts, ResolvedConstructorsAreClassifiedByTheirClass) {
  auto f = test::cpp_facts(
      "#include <string>\n"
      "namespace nanodbc { struct connection { explicit connection(const std::string& s); }; }\n"
      "struct Request { std::string get_header_value(const char*) const; };\n"
      "void h(const Request& req) {\n"
      "  auto token = req.get_header_value(\"X-Forwarded-Access-Token\");\n"
      "  nanodbc::connection conn(\"Driver=Simba;Host=h;\" + token);\n"
      "}\n");
  const facts::TokenUse* u = use_on_line(f.token, 6);
  ASSERT_NE(u, nullptr);
  EXPECT_EQ(u->sink, Sink::Credential);
  EXPECT_EQ(u->callee, "nanodbc::connection");
}

TEST(CppFacts, PartOfTheTokenRevealsPart) {
  auto f = test::cpp_facts(
      "#include <cstdio>\n#include <string>\n"
      "void h(const httplib::Request& req) {\n"
      "  auto token = req.get_header_value(\"X-Forwarded-Access-Token\");\n"
      "  std::printf(\"%s\", token.substr(0, 8).c_str());\n"
      "}\n");
  const facts::TokenUse* u = use_on_line(f.token, 5);
  ASSERT_NE(u, nullptr);
  EXPECT_EQ(u->sink, Sink::Log);
  EXPECT_EQ(u->reveals, facts::Reveals::Partial);
}

TEST(CppFacts, ChecksAndTraces) {
  auto f = test::cpp_facts(
      "#include <string>\n"
      "std::string run_query(const std::string&);\n"
      "void h(const httplib::Request& req) {\n"
      "  auto token = req.get_header_value(\"X-Forwarded-Access-Token\");\n"
      "  std::string copy = token;\n"
      "  if (copy.empty()) return;\n"
      "  run_query(copy);\n"
      "}\n");
  const facts::TokenUse* u = use_on_line(f.token, 7);
  ASSERT_NE(u, nullptr);
  EXPECT_FALSE(u->unchecked);
  EXPECT_EQ(u->scope, "h");
  EXPECT_EQ(u->callee, "run_query");
  EXPECT_EQ(u->argument, "copy");
  ASSERT_TRUE(u->trace);
  EXPECT_EQ(u->trace->source.span.line, 4);
  ASSERT_EQ(u->trace->steps.size(), 2u);  // assigned to token, to copy
  EXPECT_EQ(u->trace->steps[1].span.line, 5);
}

TEST(CppFacts, HeaderDefaultIsAPlaceholderOnlyItsComparisonCatches) {
  auto f = test::cpp_facts(
      "#include <string>\n"
      "std::string run_query(const std::string&);\n"
      "void h(const httplib::Request& req) {\n"
      "  auto token = req.get_header_value(\"X-Forwarded-Access-Token\", \"none\");\n"
      "  if (token.empty()) return;\n"
      "  run_query(token);\n"
      "  if (token == \"none\") return;\n"
      "  run_query(token);\n"
      "}\n");
  const facts::TokenUse* first = use_on_line(f.token, 6);
  const facts::TokenUse* second = use_on_line(f.token, 8);
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  EXPECT_TRUE(first->unchecked);
  EXPECT_EQ(first->uncaught_default, "none");
  EXPECT_FALSE(second->unchecked);
}

TEST(CppFacts, StoresBeyondTheRequest) {
  auto f = test::cpp_facts(
      "#include <memory>\n"
      "#include <string>\n"
      "struct Client { explicit Client(const std::string& token); };\n"
      "std::unique_ptr<Client> g_client;\n"
      "std::string g_token;\n"
      "struct Cache { static std::string token; };\n"
      "void h(const httplib::Request& req) {\n"
      "  auto token = req.get_header_value(\"X-Forwarded-Access-Token\");\n"
      "  if (token.empty()) return;\n"
      "  static Client client(token);\n"
      "  g_client = std::make_unique<Client>(token);\n"
      "  g_token = token;\n"
      "  Cache::token = token;\n"
      "  static std::string first = token;\n"
      "  std::string local = token;\n"
      "  Client per_request(token);\n"
      "}\n");
  std::map<int, const facts::TokenStore*> by_line;
  for (const auto& s : f.token.stores) by_line[s.at.span.line] = &s;
  ASSERT_EQ(by_line.size(), 5u);
  EXPECT_EQ(by_line.at(10)->held, facts::Held::Client);
  EXPECT_EQ(by_line.at(10)->store, facts::Store::ModuleGlobal);
  EXPECT_EQ(by_line.at(10)->target, "client");
  EXPECT_EQ(by_line.at(11)->held, facts::Held::Client);
  EXPECT_EQ(by_line.at(11)->target, "g_client");
  EXPECT_EQ(by_line.at(12)->held, facts::Held::Token);
  EXPECT_EQ(by_line.at(13)->store, facts::Store::ClassAttribute);
  EXPECT_EQ(by_line.at(14)->held, facts::Held::Token);
  for (const auto& s : f.token.stores) {
    ASSERT_TRUE(s.trace);
    EXPECT_EQ(s.trace->source.span.line, 8);
  }
}

TEST(CppFacts, FallbacksWhereTheTokenIsMissing) {
  auto f = test::cpp_facts(
      "#include <cstdlib>\n"
      "#include <string>\n"
      "std::string run_query(const std::string&);\n"
      "std::string h(const httplib::Request& req) {\n"
      "  auto token = req.get_header_value(\"X-Forwarded-Access-Token\");\n"
      "  if (token.empty()) {\n"
      "    const char* host = std::getenv(\"DATABRICKS_HOST\");\n"
      "    return run_query(std::string(\"Host=\") + host + \";AuthMech=11;Auth_Flow=1;\");\n"
      "  }\n"
      "  const char* pat = std::getenv(\"DATABRICKS_TOKEN\");\n"
      "  return run_query(token);\n"
      "}\n");
  ASSERT_EQ(f.token.fallbacks.size(), 1u);
  const auto& fb = f.token.fallbacks[0];
  EXPECT_EQ(fb.at.span.line, 8);
  EXPECT_EQ(fb.construct, "Auth_Flow=1");
  EXPECT_EQ(fb.scope, "h");
  ASSERT_TRUE(fb.trace);
  EXPECT_EQ(fb.trace->source.span.line, 5);
}

TEST(CppFacts, NoFactsWithoutTheTokenFlow) {
  SourceFile file(
      "/tmp/obolint-nofacts.cpp",
      "#include <string>\nvoid run(const std::string&);\nvoid h(const httplib::Request& "
      "req) { run(req.get_header_value(\"X-Forwarded-Access-Token\")); }\n",
      Language::Cpp);
  std::vector<const RuleDef*> active;
  for (const auto& r : test::cpp_test_rules().all()) active.push_back(&r);
  SecretScanner secrets(test::cpp_test_rules());
  facts::Facts out;
  std::vector<Finding> findings;
  std::vector<Note> notes;
  analyze_cpp({&file}, test::cpp_test_rules(), active, secrets, facts::kNeedNothing, {}, findings,
              out, notes);
  EXPECT_TRUE(out.token.uses.empty());
  // The same file with the token flow: one use.
  EXPECT_EQ(test::cpp_facts(file.content()).token.uses.size(), 1u);
}

// The OBO007 and OBO008 fixtures of tests/fixtures/cpp mark what those checks will report
// (todo-expect) and what they must not (ok): the facts are there for each, and only for those.
TEST(CppFacts, FixturesOfTheRulesToComeHaveTheirFacts) {
  const std::filesystem::path dir = std::filesystem::path(OBOLINT_TEST_FIXTURES) / "cpp";
  for (const char* name : {"token_shared.cpp", "token_leaked.cpp"}) {
    std::string text = test::read_text(dir / name);
    auto f = test::cpp_facts(text);
    std::set<int> stores, leaks;
    for (const auto& s : f.token.stores) stores.insert(s.at.span.line);
    for (const auto& u : f.token.uses) {
      bool leak = u.sink == Sink::Log || u.sink == Sink::Response;
      if (leak && u.reveals == facts::Reveals::Whole) leaks.insert(u.at.span.line);
    }
    std::istringstream lines(text);
    std::string line;
    for (int n = 1; std::getline(lines, line); ++n) {
      auto a = test::parse_annotations(line);
      if (!a) continue;
      for (const auto& id : a->todo) {
        if (id == "OBO007") EXPECT_TRUE(stores.count(n)) << name << ":" << n;
        if (id == "OBO008") EXPECT_TRUE(leaks.count(n)) << name << ":" << n;
      }
      for (const auto& id : a->ok) {
        if (id == "OBO007") EXPECT_FALSE(stores.count(n)) << name << ":" << n;
        if (id == "OBO008") EXPECT_FALSE(leaks.count(n)) << name << ":" << n;
      }
    }
  }
}

}  // namespace
}  // namespace obolint

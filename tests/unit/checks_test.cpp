// The checks of OBO007-OBO010 over facts built by hand: what each decides, whatever the analyses
// produce today (the token flow does not record stores or leak sinks yet; OBO007/OBO008's
// fixtures are todo-expect until it does).
#include <gtest/gtest.h>

#include "checks/check.h"
#include "core/rules.h"

namespace obolint {
namespace {

const RuleSet& rules() {
  static const RuleSet r = RuleSet::load(std::filesystem::path(OBOLINT_SOURCE_DIR) / "rules");
  return r;
}

std::vector<Finding> run(const char* id, const facts::Facts& facts) {
  const RuleDef& rule = *rules().find(id);
  const CheckEntry* check = find_check(rule.check);
  EXPECT_NE(check, nullptr) << id;
  std::vector<Finding> out;
  Reporter reporter(out);
  if (check) check->run({rule, facts, reporter});
  return out;
}

std::shared_ptr<const Trace> header_read() {
  auto t = std::make_shared<Trace>();
  t->source = {"app.py", {3, 13, 3, 60}, "X-Forwarded-Access-Token read here"};
  return t;
}

TEST(Checks, SharedStoresAreReportedSessionsAreNot) {
  facts::Facts f;
  auto store = [&](facts::Store kind, int line) {
    facts::TokenStore s;
    s.at = {"app.py", {line, 5, line, 9}};
    s.store = kind;
    s.held = facts::Held::Client;
    s.target = "conn";
    s.scope = "handler";
    s.trace = header_read();
    f.token.stores.push_back(s);
  };
  store(facts::Store::ModuleGlobal, 10);
  store(facts::Store::Session, 11);
  store(facts::Store::CachedFunction, 12);
  facts::TokenUse env;
  env.at = {"app.py", {13, 30, 13, 35}};
  env.sink = facts::Sink::Environment;
  env.trace = header_read();
  f.token.uses.push_back(env);
  auto found = run("OBO007", f);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].span.line, 10);
  EXPECT_NE(found[0].message.find("a module global (conn)"), std::string::npos) << found[0].message;
  EXPECT_EQ(found[1].span.line, 12);
  EXPECT_EQ(found[2].span.line, 13);
  EXPECT_NE(found[2].message.find("process environment"), std::string::npos);
  // The header read is the related location and the flow's first step.
  ASSERT_EQ(found[0].related.size(), 1u);
  EXPECT_EQ(found[0].related[0].span.line, 3);
  ASSERT_GE(found[0].flow.size(), 2u);
  EXPECT_EQ(found[0].flow.back().span.line, 10);
}

TEST(Checks, LeaksOfTheWholeTokenAreReportedSlicesAndConnectionsAreNot) {
  facts::Facts f;
  auto use = [&](facts::Sink sink, facts::Reveals reveals, int line) {
    facts::TokenUse u;
    u.at = {"app.py", {line, 20, line, 25}};
    u.sink = sink;
    u.reveals = reveals;
    u.callee = "logger.info";
    u.trace = header_read();
    f.token.uses.push_back(u);
  };
  use(facts::Sink::Log, facts::Reveals::Whole, 20);
  use(facts::Sink::Log, facts::Reveals::Partial, 21);
  use(facts::Sink::Response, facts::Reveals::Whole, 22);
  use(facts::Sink::Credential, facts::Reveals::Whole, 23);
  use(facts::Sink::Exception, facts::Reveals::Whole, 24);
  use(facts::Sink::File, facts::Reveals::Whole, 25);
  use(facts::Sink::Call, facts::Reveals::Whole, 26);
  auto found = run("OBO008", f);
  std::vector<int> lines;
  for (const auto& x : found) lines.push_back(x.span.line);
  EXPECT_EQ(lines, (std::vector<int>{20, 22, 24, 25}));
  for (const auto& x : found) EXPECT_EQ(x.related.size(), 1u);
}

facts::Facts app_with_sql(facts::TokenArgument token, const std::string& function) {
  facts::Facts f;
  f.apps.folders.push_back({"app", "app/app.yaml"});
  facts::ModuleFacts db;
  db.path = "app/db.py";
  db.role = facts::ModuleRole::App;
  db.app = 0;
  f.apps.modules.push_back(db);
  f.apps.connections.push_back({{"app/db.py", {9, 12, 9, 60}}, "sql", token, function, 0});
  facts::BundleApp app;
  app.key = "pm";
  app.bundle_file = "databricks.yml";
  app.at = {"databricks.yml", {5, 5, 5, 7}};
  app.source_dir = "app";
  f.apps.bundle_apps.push_back(app);
  return f;
}

TEST(Checks, ScopesAreNeededOnlyWhenTheUserTokenReachesSql) {
  // The token is passed to get_connection(token), whose parameter goes to sql.connect.
  facts::Facts f = app_with_sql(facts::TokenArgument::Parameter, "get_connection");
  facts::TokenUse use;
  use.at = {"app/app.py", {12, 30, 12, 35}};
  use.callee = "db.get_connection";
  use.trace = header_read();
  f.token.uses.push_back(use);
  auto found = run("OBO009", f);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].span.line, 5);  // no user_api_scopes: the app's key
  ASSERT_EQ(found[0].related.size(), 1u);
  EXPECT_EQ(found[0].related[0].path, "app/db.py");
  // With sql granted, or with the token passed to a helper that does not connect: nothing.
  f.apps.bundle_apps[0].scopes = {"sql"};
  EXPECT_TRUE(run("OBO009", f).empty());
  f.apps.bundle_apps[0].scopes = {"files.files"};
  f.token.uses[0].callee = "send_email";
  EXPECT_TRUE(run("OBO009", f).empty());
  // A settings token in a folder that reads the header for something else: nothing either.
  facts::Facts settings = app_with_sql(facts::TokenArgument::Value, "count");
  settings.token.uses.push_back(use);
  EXPECT_TRUE(run("OBO009", settings).empty());
}

TEST(Checks, DependenciesMissingOrUnpinnedAmongPins) {
  facts::Facts f;
  f.apps.folders.push_back({"app", "app/app.yaml"});
  facts::ModuleFacts m;
  m.path = "app/main.py";
  m.role = facts::ModuleRole::App;
  m.app = 0;
  m.imports = {{"databricks.sql", "databricks-sql-connector", 1, false},
               {"databricks.sdk.core.Config", "databricks-sdk", 2, false}};
  f.apps.modules.push_back(m);
  facts::DependencyManifest req;
  req.path = "app/requirements.txt";
  req.dir = "app";
  req.requirements = {
      {"flask", "flask==3.0.3", true, true, "app/requirements.txt", 1},
      {"pandas", "pandas==2.2.3", true, true, "app/requirements.txt", 2},
      {"databricks-sdk", "databricks-sdk", false, false, "app/requirements.txt", 3}};
  f.dependencies.manifests.push_back(req);
  auto found = run("OBO010", f);
  ASSERT_EQ(found.size(), 2u);
  std::sort(found.begin(), found.end(), finding_less);
  EXPECT_EQ(found[0].span.line, 1);
  EXPECT_NE(found[0].message.find("does not list databricks-sql-connector"), std::string::npos);
  EXPECT_EQ(found[1].span.line, 3);
  EXPECT_NE(found[1].message.find("databricks-sdk is not pinned"), std::string::npos);
  // Tests and optional imports need nothing.
  f.apps.modules[0].role = facts::ModuleRole::Test;
  EXPECT_TRUE(run("OBO010", f).empty());
  f.apps.modules[0].role = facts::ModuleRole::App;
  for (auto& imp : f.apps.modules[0].imports) imp.optional = true;
  EXPECT_TRUE(run("OBO010", f).empty());
}

}  // namespace
}  // namespace obolint

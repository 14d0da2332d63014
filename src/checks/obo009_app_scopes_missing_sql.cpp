// OBO009 app-scopes-missing-sql: a bundle declares an app whose code queries SQL with the user's
// token, without the `sql` user authorization scope
// (rules/OBO009-app-scopes-missing-sql/README.md).
#include <algorithm>

#include "checks/check.h"

namespace obolint {
namespace {

// The first SQL connection of the app's own code that takes a token which is neither a literal
// nor an environment variable, when that code also reads the user-token header: together, a
// query made with the user's token. Tests, scripts and notebooks in the folder do not count.
const facts::ConnectionCall* user_sql_connection(const facts::AppFacts& apps,
                                                 const std::string& dir) {
  auto in_app = [&](std::size_t module) {
    const facts::ModuleFacts& m = apps.modules[module];
    return m.role == facts::ModuleRole::App && m.app && apps.folders[*m.app].dir == dir;
  };
  bool reads_header = false;
  for (std::size_t i = 0; i < apps.modules.size() && !reads_header; ++i) {
    reads_header = in_app(i) && apps.modules[i].names_user_token;
  }
  if (!reads_header) return nullptr;
  for (const auto& c : apps.connections) {
    if (c.kind == "sql" && c.token == facts::TokenArgument::Value && in_app(c.module)) return &c;
  }
  return nullptr;
}

}  // namespace

void check_app_scopes_missing_sql(const CheckContext& ctx) {
  const facts::AppFacts& apps = ctx.facts.apps;
  for (const auto& app : apps.bundle_apps) {
    if (!app.source_dir) continue;
    if (std::find(app.scopes.begin(), app.scopes.end(), "sql") != app.scopes.end()) continue;
    const facts::ConnectionCall* sql = user_sql_connection(apps, *app.source_dir);
    if (!sql) continue;
    std::string detail =
        app.scopes_declared
            ? "user_api_scopes of app '" + app.key + "' do not include sql"
            : "app '" + app.key +
                  "' declares no user_api_scopes (its user token carries no sql scope)";
    detail += ", but " + sql->at.path + ":" + std::to_string(sql->at.span.line) +
              " queries SQL with the user's token";
    const Location& at = app.scopes_declared ? *app.scopes_at : app.at;
    Finding& f = ctx.report.add(ctx.rule, at, detail, app.bundle_file + ":" + app.key);
    f.related.push_back({sql->at.path, sql->at.span, "SQL connection with the user's token"});
  }
}

}  // namespace obolint

// OBO009 app-scopes-missing-sql: a bundle declares an app whose code queries SQL with the user's
// token, without the `sql` user authorization scope
// (rules/OBO009-app-scopes-missing-sql/README.md).
#include <algorithm>
#include <set>

#include "checks/check.h"

namespace obolint {
namespace {

std::string last_name(const std::string& callee) {
  auto dot = callee.rfind('.');
  return dot == std::string::npos ? callee : callee.substr(dot + 1);
}

bool contains(const Span& outer, const Span& inner) {
  auto before = [](int l1, int c1, int l2, int c2) { return l1 < l2 || (l1 == l2 && c1 <= c2); };
  return before(outer.line, outer.column, inner.line, inner.column) &&
         before(inner.end_line, inner.end_column, outer.end_line, outer.end_column);
}

class UserSql {
 public:
  UserSql(const facts::Facts& facts, const std::string& dir) : facts_(facts), dir_(dir) {
    // Helpers the user's token is passed to (the token facts' uses), then the helpers those
    // pass a parameter on to, until nothing changes.
    for (const auto& use : facts.token.uses) {
      if (in_folder(use.at.path)) receivers_.insert(last_name(use.callee));
    }
    for (bool grew = true; grew;) {
      grew = false;
      for (const auto& fw : facts.apps.forwards) {
        if (in_app(fw.module) && receivers_.count(fw.from) && receivers_.insert(fw.to).second) {
          grew = true;
        }
      }
    }
  }

  // The first SQL connection of the app's own code that takes the user's token: the token
  // reaches the call itself, or the call takes it from a parameter of a helper that receives it.
  // Tests, scripts and notebooks in the folder do not count.
  const facts::ConnectionCall* first() const {
    for (const auto& c : facts_.apps.connections) {
      if (c.kind != "sql" || !in_app(c.module)) continue;
      bool direct = std::any_of(facts_.token.uses.begin(), facts_.token.uses.end(),
                                [&](const facts::TokenUse& u) {
                                  return u.at.path == c.at.path && contains(c.at.span, u.at.span);
                                });
      bool through_helper =
          c.token == facts::TokenArgument::Parameter && receivers_.count(c.function);
      if (direct || through_helper) return &c;
    }
    return nullptr;
  }

 private:
  bool in_folder(const std::string& path) const { return facts::path_within(dir_, path); }
  bool in_app(std::size_t module) const {
    const facts::ModuleFacts& m = facts_.apps.modules[module];
    return m.role == facts::ModuleRole::App && m.app && facts_.apps.folders[*m.app].dir == dir_;
  }

  const facts::Facts& facts_;
  const std::string& dir_;
  std::set<std::string> receivers_;
};

}  // namespace

void check_app_scopes_missing_sql(const CheckContext& ctx) {
  for (const auto& app : ctx.facts.apps.bundle_apps) {
    if (!app.source_dir) continue;
    if (std::find(app.scopes.begin(), app.scopes.end(), "sql") != app.scopes.end()) continue;
    const facts::ConnectionCall* sql = UserSql(ctx.facts, *app.source_dir).first();
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

// The registry: one line per check. A rule names its check in rule.toml (`check = "..."`); a test
// fails when a check has no rule or a rule names no registered check. tools/add_rule --check adds
// the line.
#include "checks/check.h"

#include <array>

namespace obolint {

// X(name in rule.toml, function in src/checks/<id>_<name>.cpp, facts::Need bits it reads)
#define OBOLINT_CHECKS(X)                                                                  \
  X("unvalidated-header-token", check_unvalidated_header_token, facts::kNeedTokenFlow)     \
  X("service-principal-fallback", check_service_principal_fallback, facts::kNeedTokenFlow) \
  X("databricks-connect-in-app", check_databricks_connect_in_app, facts::kNeedAppContext)  \
  X("app-scopes-missing-sql", check_app_scopes_missing_sql,                                \
    facts::kNeedAppContext | facts::kNeedTokenFlow)                                        \
  X("databricks-dependency-missing", check_databricks_dependency_missing,                  \
    facts::kNeedAppContext | facts::kNeedDependencies)                                     \
  X("user-credential-shared", check_user_credential_shared, facts::kNeedTokenFlow)         \
  X("user-token-leaked", check_user_token_leaked, facts::kNeedTokenFlow)

#define OBOLINT_DECLARE_CHECK(name, function, needs) void function(const CheckContext& ctx);
OBOLINT_CHECKS(OBOLINT_DECLARE_CHECK)
#undef OBOLINT_DECLARE_CHECK

namespace {

#define OBOLINT_CHECK_ENTRY(name, function, needs) CheckEntry{name, &(function), needs},
constexpr std::array kChecks = {OBOLINT_CHECKS(OBOLINT_CHECK_ENTRY)};
#undef OBOLINT_CHECK_ENTRY

}  // namespace

std::span<const CheckEntry> registered_checks() {
  return kChecks;
}

const CheckEntry* find_check(std::string_view name) {
  for (const auto& c : kChecks) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

}  // namespace obolint

// The registry: one line per check. A rule names its check in rule.toml (`check = "..."`); a test
// fails when a check has no rule or a rule names no registered check.
#include "checks/check.h"

#include <array>

namespace obolint {

void check_unvalidated_header_token(const CheckContext& ctx);    // OBO004
void check_service_principal_fallback(const CheckContext& ctx);  // OBO005

namespace {

constexpr std::array kChecks = {
    CheckEntry{"unvalidated-header-token", &check_unvalidated_header_token, facts::kNeedTokenFlow},
    CheckEntry{"service-principal-fallback", &check_service_principal_fallback,
               facts::kNeedTokenFlow},
};

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

// A check decides one rule over the facts of a scan and reports through the Reporter. It is the
// only place that knows what the rule means; the analyses that feed it name no rule.
#pragma once

#include <span>
#include <string_view>

#include "core/reporter.h"
#include "core/rules.h"
#include "facts/facts.h"

namespace obolint {

struct CheckContext {
  const RuleDef& rule;
  const facts::Facts& facts;
  Reporter& report;
};

using CheckFunction = void (*)(const CheckContext&);

struct CheckEntry {
  std::string_view name;  // what rule.toml's `check` names
  CheckFunction run;
  unsigned needs;  // facts::Need bits
};

// Every check, one line each in src/checks/registry.cpp.
std::span<const CheckEntry> registered_checks();
const CheckEntry* find_check(std::string_view name);

}  // namespace obolint

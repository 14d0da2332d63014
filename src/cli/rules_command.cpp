#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/scan_request.h"
#include "core/rules.h"
#include "engine/cpp_component.h"

namespace obolint::cli {
int run_rules(const std::string& rules_dir, const std::string& format) {
  try {
    RuleSet rules = load_rules(rules_dir);
    if (format == "json") {
      nlohmann::json arr = nlohmann::json::array();
      for (const auto& r : rules.all()) {
        arr.push_back({{"id", r.id},
                       {"name", r.name},
                       {"severity", severity_name(r.severity)},
                       {"summary", r.summary}});
      }
      std::cout << arr.dump(2) << "\n";
      return kExitClean;
    }
    for (const auto& r : rules.all()) {
      std::string name = r.name;
      name.resize(std::max<std::size_t>(name.size(), 26), ' ');
      std::cout << r.id << "  " << name << "  " << severity_name(r.severity)
                << (r.severity == Severity::Flag ? " " : "") << "  " << r.summary << "\n";
    }
    return kExitClean;
  } catch (const RuleError& e) {
    std::cerr << "obolint: error: broken rule file: " << e.what() << "\n";
    return kExitError;
  }
}

int run_explain(const std::string& rule_id, const std::string& rules_dir) {
  try {
    RuleSet rules = load_rules(rules_dir);
    std::string id = rule_id;
    for (auto& c : id) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const RuleDef* rule = rules.find(id);
    if (!rule) {
      for (const auto& r : rules.all()) {
        if (r.name == rule_id) rule = &r;
      }
    }
    if (!rule) {
      std::cerr << "obolint: error: unknown rule '" << rule_id << "' (see `obolint rules`)\n";
      return kExitError;
    }
    std::ifstream in(rule->folder / "README.md");
    if (in) {
      std::cout << in.rdbuf();
    } else {
      std::cout << rule->id << ": " << rule->name << " (" << severity_name(rule->severity)
                << ")\n\n"
                << rule->description << "\n\nFix: " << rule->message << "\n";
    }
    return kExitClean;
  } catch (const RuleError& e) {
    std::cerr << "obolint: error: broken rule file: " << e.what() << "\n";
    return kExitError;
  }
}

int run_version(bool verbose) {
  std::cout << "obolint " << OBOLINT_VERSION << "\n";
  if (!verbose) return kExitClean;
  std::cout << "rules: " << default_rules_dir().lexically_normal().string() << "\n"
            << cpp_component_status() << "\n";
  return kExitClean;
}

}  // namespace obolint::cli

// The Python side of the app context: for every module of the scan, its role (app code, test,
// script, notebook, library), the imports that need a distribution, the library objects it
// reaches, its connection calls and the parameters its functions pass on (facts/app_facts.h).
//
// Modules are described one at a time, while their tree is loaded: the kept files as the pattern
// rules run (their trees may be dropped right after), the files the token flow parsed on demand
// afterwards.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "core/rules.h"
#include "facts/app_facts.h"
#include "python/project.h"

namespace obolint::py {

struct AppContextData;

class ModuleDescriber {
 public:
  // `folders`: the app folders of the scan (known before any module is read).
  ModuleDescriber(const RuleSet& rules, const Project& project,
                  const std::vector<facts::AppFolder>& folders);
  ~ModuleDescriber();
  ModuleDescriber(const ModuleDescriber&) = delete;
  ModuleDescriber& operator=(const ModuleDescriber&) = delete;

  // Describes loaded module i. Thread-safe for distinct i (a resolver's memo is written by the
  // thread describing its module only).
  void describe(int i);
  bool described(int i) const { return results_[i] != nullptr; }
  // Describes, on `jobs` threads, every loaded module not described yet.
  void describe_loaded(unsigned jobs);
  // Moves the descriptions into `apps` in module order (apps.folders stay as they are).
  void finish(facts::AppFacts& apps);

 private:
  struct Result;
  std::unique_ptr<AppContextData> data_;
  const Project& project_;
  const std::vector<facts::AppFolder>& folders_;
  std::vector<std::unique_ptr<Result>> results_;  // by module index
};

}  // namespace obolint::py

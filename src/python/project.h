// Every Python module of one scan, parsed once, with resolvers and a cross-module index.
// Per-module rules and whole-project analyses (token flow summaries) all read from here.
#pragma once

#include <memory>
#include <vector>

#include "python/module.h"
#include "python/resolver.h"

namespace obolint::py {

struct Project {
  std::vector<std::unique_ptr<Module>> modules;
  std::vector<std::unique_ptr<Resolver>> resolvers;  // resolvers[i] belongs to modules[i]
  ProjectIndex index;
};

}  // namespace obolint::py

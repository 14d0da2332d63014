// Uses of library objects ([[references]] of python.toml) and connection calls with where their
// token comes from ([[connections]]), resolved through each module's imports and aliases.
#pragma once

#include <cstddef>
#include <vector>

#include "facts/app_facts.h"
#include "python/app_context_data.h"
#include "python/resolver.h"

namespace obolint::py {

// Appends the references of `r`'s module; `module` is its index in AppFacts::modules.
void find_references(const Resolver& r, const AppContextData& data, std::size_t module,
                     std::vector<facts::LibraryReference>& out);

// Appends the connection calls of `r`'s module.
void find_connections(const Resolver& r, const AppContextData& data, std::size_t module,
                      std::vector<facts::ConnectionCall>& out);

}  // namespace obolint::py

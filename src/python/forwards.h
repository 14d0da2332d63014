// Which functions pass one of their parameters on to another call (facts::ParameterForward):
// `def execute_query(token, q): with get_connection(token) as c: ...` forwards to
// get_connection. Read from the syntax alone; the checks join these names with the token facts.
#pragma once

#include <cstddef>
#include <vector>

#include "facts/app_facts.h"
#include "python/module.h"

namespace obolint::py {

void find_forwards(const Module& module, std::size_t index,
                   std::vector<facts::ParameterForward>& out);

// The names of a function definition's parameters (plain, typed, defaulted, *args, **kwargs).
std::vector<std::string> parameter_names(TSNode function, std::string_view src);

}  // namespace obolint::py

// "Did you mean ...?" for a mistyped subcommand or option, as Ruff and git do.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace obolint::cli {

// Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
// neighbouring characters each cost 1 ("scna" is 1 from "scan").
std::size_t edit_distance(const std::string& a, const std::string& b);

// The candidate closest to `typed`, when it is close enough to be what was meant (at most a
// third of the longer word's length, at least 1, away); nullopt otherwise. Ties go to the first.
std::optional<std::string> closest(const std::string& typed, const std::vector<std::string>& names);

}  // namespace obolint::cli

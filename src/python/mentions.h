// Where a parsed module mentions things, indexed once: every identifier (and attribute name)
// with its offsets, and every string or name that names the token's header. The token flow asks
// "does this function mention a source or a helper that returns the token?" for every function
// of every relevant module, round after round; answering from this index costs the identifiers
// of the function once per round, where searching the text for each known name grew with the
// product of names and code.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <tree_sitter/api.h>

namespace obolint::py {

class Module;

class Mentions {
 public:
  // `is_header`: whether the text of a string literal or a name names the header.
  Mentions(const Module& module, const std::function<bool(std::string_view)>& is_header);

  // True when `name` (an identifier) occurs in [begin, end).
  bool names(std::string_view name, uint32_t begin, uint32_t end) const;
  bool names(std::string_view name) const { return id_of_.count(name) != 0; }
  // True when one of `set` occurs in [begin, end). `version` must change whenever `set` does
  // (it only grows): which identifiers are members is cached per version.
  bool any_of(const std::unordered_set<std::string>& set, uint64_t version, uint32_t begin,
              uint32_t end) const;
  // True when a string or name naming the header occurs in [begin, end).
  bool header(uint32_t begin, uint32_t end) const;
  bool header() const { return !headers_.empty(); }

 private:
  std::map<std::string, uint32_t, std::less<>> id_of_;      // identifier -> id
  std::vector<std::vector<uint32_t>> offsets_of_;           // id -> offsets, ascending
  std::vector<std::pair<uint32_t, uint32_t>> occurrences_;  // (offset, id), ascending
  std::vector<const std::string*> name_of_;                 // id -> identifier
  std::vector<uint32_t> headers_;                           // ascending
  mutable std::vector<char> member_;                        // id -> in the set of member_version_
  mutable uint64_t member_version_ = UINT64_MAX;
};

}  // namespace obolint::py

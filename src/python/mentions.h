// Where a parsed module mentions things, indexed once: the offsets of every identifier (and
// attribute name) and of every string that names the token's header. The token flow asks "does
// this function mention a source or a helper that returns the token?" many times; answering from
// the index keeps that linear in the module, where searching the text for each name was
// quadratic in the tree.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <tree_sitter/api.h>

namespace obolint::py {

class Module;

class Mentions {
 public:
  // `is_header`: whether the text of a string literal names the header (any spelling).
  Mentions(const Module& module, const std::function<bool(std::string_view)>& is_header);

  // True when `name` (an identifier) occurs in [begin, end).
  bool names(std::string_view name, uint32_t begin, uint32_t end) const;
  bool names(std::string_view name) const { return identifiers_.count(std::string(name)) != 0; }
  // True when a string naming the header occurs in [begin, end).
  bool header(uint32_t begin, uint32_t end) const;
  bool header() const { return !headers_.empty(); }

 private:
  std::unordered_map<std::string, std::vector<uint32_t>> identifiers_;  // offsets ascending
  std::vector<uint32_t> headers_;                                       // ascending
};

}  // namespace obolint::py

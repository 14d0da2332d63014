#include "python/mentions.h"

#include <algorithm>

#include "python/module.h"
#include "python/ts_util.h"

namespace obolint::py {
namespace {

bool any_in(const std::vector<uint32_t>& sorted, uint32_t begin, uint32_t end) {
  auto it = std::lower_bound(sorted.begin(), sorted.end(), begin);
  return it != sorted.end() && *it < end;
}

}  // namespace

Mentions::Mentions(const Module& module, const std::function<bool(std::string_view)>& is_header) {
  std::string_view src = module.src();
  walk(module.root(), [&](TSNode n) {
    std::string_view t = type_of(n);
    if (t == "identifier") {
      std::string_view name = text_of(n, src);
      identifiers_[std::string(name)].push_back(ts_node_start_byte(n));
      // A FastAPI parameter or an attribute named after the header reads it too.
      if (is_header(name)) headers_.push_back(ts_node_start_byte(n));
      return false;
    }
    if (t == "string") {
      if (is_header(text_of(n, src))) headers_.push_back(ts_node_start_byte(n));
      return true;  // f-string interpolations hold identifiers
    }
    return true;
  });
}

bool Mentions::names(std::string_view name, uint32_t begin, uint32_t end) const {
  auto it = identifiers_.find(std::string(name));
  return it != identifiers_.end() && any_in(it->second, begin, end);
}

bool Mentions::header(uint32_t begin, uint32_t end) const {
  return any_in(headers_, begin, end);
}

}  // namespace obolint::py

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
      uint32_t at = ts_node_start_byte(n);
      auto it = id_of_.find(name);
      if (it == id_of_.end()) {
        it = id_of_.emplace(std::string(name), static_cast<uint32_t>(offsets_of_.size())).first;
        offsets_of_.emplace_back();
        name_of_.push_back(&it->first);
      }
      offsets_of_[it->second].push_back(at);
      occurrences_.emplace_back(at, it->second);
      // A FastAPI parameter or an attribute named after the header reads it too.
      if (is_header(name)) headers_.push_back(at);
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
  auto it = id_of_.find(name);
  return it != id_of_.end() && any_in(offsets_of_[it->second], begin, end);
}

bool Mentions::any_of(const std::unordered_set<std::string>& set, uint64_t version, uint32_t begin,
                      uint32_t end) const {
  if (set.empty()) return false;
  if (member_version_ != version) {
    member_.assign(name_of_.size(), 0);
    for (std::size_t id = 0; id < name_of_.size(); ++id) member_[id] = set.count(*name_of_[id]);
    member_version_ = version;
  }
  auto it = std::lower_bound(occurrences_.begin(), occurrences_.end(),
                             std::make_pair(begin, uint32_t{0}));
  for (; it != occurrences_.end() && it->first < end; ++it) {
    if (member_[it->second]) return true;
  }
  return false;
}

bool Mentions::header(uint32_t begin, uint32_t end) const {
  return any_in(headers_, begin, end);
}

}  // namespace obolint::py

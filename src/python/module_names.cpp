#include "python/module_names.h"

#include <algorithm>

namespace obolint::py {
namespace {

// Reads a dotted name's components from the last one.
class FromLast {
 public:
  explicit FromLast(std::string_view s) : s_(s), end_(s.size()), done_(s.empty()) {}
  bool done() const { return done_; }
  std::string_view next() {
    std::size_t dot = end_ == 0 ? std::string_view::npos : s_.rfind('.', end_ - 1);
    std::size_t begin = dot == std::string_view::npos ? 0 : dot + 1;
    std::string_view component = s_.substr(begin, end_ - begin);
    if (dot == std::string_view::npos) {
      done_ = true;
    } else {
      end_ = dot;
    }
    return component;
  }

 private:
  std::string_view s_;
  std::size_t end_;
  bool done_;
};

// Orders names as sequences of components, last component first.
int compare_from_last(std::string_view a, std::string_view b) {
  FromLast x(a), y(b);
  while (!x.done() && !y.done()) {
    if (int c = x.next().compare(y.next())) return c;
  }
  if (x.done()) return y.done() ? 0 : -1;
  return 1;
}

// True when `name`'s last components are `tail`'s components.
bool ends_with_components(std::string_view name, std::string_view tail) {
  FromLast x(name), y(tail);
  while (!y.done()) {
    if (x.done() || x.next() != y.next()) return false;
  }
  return true;
}

// How many leading components `a` and `b` share.
int common_components(std::string_view a, std::string_view b) {
  int n = 0;
  std::size_t i = 0;
  while (true) {
    std::size_t ea = a.find('.', i), eb = b.find('.', i);
    std::string_view ca =
        a.substr(i, ea == std::string_view::npos ? std::string_view::npos : ea - i);
    std::string_view cb =
        b.substr(i, eb == std::string_view::npos ? std::string_view::npos : eb - i);
    if (ca != cb || ea == std::string_view::npos || eb == std::string_view::npos) return n;
    ++n;
    i = ea + 1;
  }
}

}  // namespace

void ModuleNames::finish() {
  by_last_component_.resize(names_.size());
  for (std::size_t i = 0; i < names_.size(); ++i) by_last_component_[i] = static_cast<int>(i);
  std::stable_sort(by_last_component_.begin(), by_last_component_.end(),
                   [&](int a, int b) { return compare_from_last(names_[a], names_[b]) < 0; });
}

int ModuleNames::find(std::string_view dotted, std::string_view near) const {
  if (dotted.empty()) return -1;
  auto it = std::lower_bound(
      by_last_component_.begin(), by_last_component_.end(), dotted,
      [&](int i, std::string_view q) { return compare_from_last(names_[i], q) < 0; });
  int best = -1, best_near = -1;
  bool best_exact = false;
  for (; it != by_last_component_.end() && ends_with_components(names_[*it], dotted); ++it) {
    bool exact = names_[*it] == dotted;
    int nearness = near.empty() ? 0 : common_components(names_[*it], near);
    bool better =
        best < 0 || (exact && !best_exact) ||
        (exact == best_exact && (nearness > best_near || (nearness == best_near && *it < best)));
    if (better) {
      best = *it;
      best_exact = exact;
      best_near = nearness;
    }
  }
  return best;
}

}  // namespace obolint::py

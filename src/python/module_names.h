// The dotted module names of a scan's Python files, and the lookup of an imported name among
// them. An import names a module relative to wherever the scan root happens to be: `a.b.c`
// matches the module `a.b.c` and any `x.y.a.b.c`. The names are kept sorted by their components
// read from the last one, so the modules a name matches are one contiguous range: an index of
// one int per module, where a table of every dotted suffix cost a few hundred bytes per file of
// the tree.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace obolint::py {

class ModuleNames {
 public:
  // Module `size()` is named `name`. Call `finish()` after the last add and before `find`.
  void add(std::string name) { names_.push_back(std::move(name)); }
  void finish();

  int size() const { return static_cast<int>(names_.size()); }
  const std::string& name(int i) const { return names_[i]; }
  // The module `dotted` names: one named exactly so first, else one whose name ends with
  // "." + dotted. Among several, the nearest to the importing module `near` (the most leading
  // components in common: a repository of several apps has a `settings.py` in each, and an app
  // imports its own), then the lowest index (a deterministic choice). -1: none.
  int find(std::string_view dotted, std::string_view near = {}) const;

 private:
  std::vector<std::string> names_;
  std::vector<int> by_last_component_;  // indices into names_
};

}  // namespace obolint::py

// Many literals searched in one pass over a text: the prefilter that decides which files are worth
// parsing, and the keyword search of the secret scanner. Hyperscan (Debian libhyperscan-dev) runs
// it at about 1 GB/s per core with SIMD, 7x RE2's DFA on the same alternation and 7x a memmem per
// literal (measured on CPython's standard library); where Hyperscan is not available (it is
// x86-64 only) an RE2 alternation gives the same answers more slowly.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace obolint {

class LiteralSet {
 public:
  // `caseless`: ASCII letters match either case.
  LiteralSet(std::vector<std::string> literals, bool caseless);
  ~LiteralSet();
  LiteralSet(LiteralSet&&) noexcept;
  LiteralSet& operator=(LiteralSet&&) noexcept;
  LiteralSet(const LiteralSet&) = delete;
  LiteralSet& operator=(const LiteralSet&) = delete;

  bool empty() const { return literals_.empty(); }
  const std::vector<std::string>& literals() const { return literals_; }

  // True when any literal occurs in `text`. Thread-safe.
  bool any_in(std::string_view text) const;
  // Calls on_match(literal index, end offset) for every occurrence, in order of end offset;
  // stops when it returns false. Thread-safe.
  void each_in(std::string_view text,
               const std::function<bool(std::size_t index, std::size_t end)>& on_match) const;

  // The engine in use, for `--version`-style diagnostics: "hyperscan" or "re2".
  static const char* engine();

 private:
  struct Impl;
  std::vector<std::string> literals_;
  bool caseless_ = false;
  std::unique_ptr<Impl> impl_;
};

}  // namespace obolint

// Regexes from rule data and over untrusted text: RE2, whose matching time is linear in the input
// (std::regex recursed per character and crashed on long lines; backtracking engines can take
// exponential time on hostile input). RE2 has no look-around or back-references: rule regexes
// are written without them, and a pattern that uses them fails at load with RE2's message.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
}

namespace obolint {

// A sub-match: byte offsets into the searched text; begin == npos when the group did not take part.
struct Group {
  std::size_t begin = std::string_view::npos;
  std::size_t end = std::string_view::npos;
  bool matched() const { return begin != std::string_view::npos; }
  std::string_view in(std::string_view text) const {
    return matched() ? text.substr(begin, end - begin) : std::string_view{};
  }
};

class Regex {
 public:
  // Throws RegexError (with RE2's explanation) when the pattern is invalid.
  explicit Regex(const std::string& pattern);
  ~Regex();
  Regex(Regex&&) noexcept;
  Regex& operator=(Regex&&) noexcept;
  Regex(const Regex&) = delete;
  Regex& operator=(const Regex&) = delete;

  const std::string& pattern() const { return pattern_; }
  int group_count() const;

  // True when the regex matches somewhere in `text`.
  bool search(std::string_view text) const;
  // True when it matches the whole of `text`.
  bool full_match(std::string_view text) const;
  // The leftmost match in `text` from `start` (group 0 first, then every capturing group);
  // empty when there is none. `anchored`: the match must begin at `start`.
  std::vector<Group> find(std::string_view text, std::size_t start = 0,
                          bool anchored = false) const;
  // Like find, but the whole of `text` must match.
  std::vector<Group> match_whole(std::string_view text) const;

 private:
  std::string pattern_;
  std::unique_ptr<re2::RE2> re_;
};

class RegexError : public std::exception {
 public:
  explicit RegexError(std::string message) : message_(std::move(message)) {}
  const char* what() const noexcept override { return message_.c_str(); }

 private:
  std::string message_;
};

}  // namespace obolint

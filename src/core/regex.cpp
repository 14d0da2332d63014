#include "core/regex.h"

#include <re2/re2.h>

namespace obolint {
namespace {

RE2::Options options() {
  RE2::Options o;
  o.set_log_errors(false);  // errors are reported by the caller, with the rule file and line
  o.set_max_mem(64 << 20);  // bounds the DFA cache: a hostile input cannot grow it further
  return o;
}

std::vector<Group> run(const RE2& re, std::string_view text, std::size_t start,
                       RE2::Anchor anchor) {
  int n = re.NumberOfCapturingGroups() + 1;
  std::vector<re2::StringPiece> pieces(static_cast<std::size_t>(n));
  if (start > text.size() || !re.Match(re2::StringPiece(text.data(), text.size()), start,
                                       text.size(), anchor, pieces.data(), n)) {
    return {};
  }
  std::vector<Group> out(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    const auto& p = pieces[static_cast<std::size_t>(i)];
    if (p.data() == nullptr) continue;
    auto begin = static_cast<std::size_t>(p.data() - text.data());
    out[static_cast<std::size_t>(i)] = {begin, begin + p.size()};
  }
  return out;
}

}  // namespace

Regex::Regex(const std::string& pattern)
    : pattern_(pattern), re_(std::make_unique<RE2>(pattern, options())) {
  if (!re_->ok()) throw RegexError("invalid regex '" + pattern + "': " + re_->error());
}

Regex::~Regex() = default;
Regex::Regex(Regex&&) noexcept = default;
Regex& Regex::operator=(Regex&&) noexcept = default;

int Regex::group_count() const {
  return re_->NumberOfCapturingGroups();
}

bool Regex::search(std::string_view text) const {
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *re_);
}

bool Regex::full_match(std::string_view text) const {
  return RE2::FullMatch(re2::StringPiece(text.data(), text.size()), *re_);
}

std::vector<Group> Regex::find(std::string_view text, std::size_t start, bool anchored) const {
  return run(*re_, text, start, anchored ? RE2::ANCHOR_START : RE2::UNANCHORED);
}

std::vector<Group> Regex::match_whole(std::string_view text) const {
  return run(*re_, text, 0, RE2::ANCHOR_BOTH);
}

}  // namespace obolint

#include "text/secret_scanner.h"

#include <algorithm>
#include <tuple>

#include "core/redact.h"

namespace obolint {
namespace {

bool is_hex_digit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Longest text a token pattern can match from its keyword; bounds the regex's work per hit.
constexpr std::size_t kMaxTokenLength = 96;

}  // namespace

SecretScanner::SecretScanner(const RuleSet& rules) {
  for (const auto& rule : rules.all()) {
    const auto* secrets = rule.data["text"]["secret"].as_array();
    if (!secrets) continue;
    for (const auto& node : *secrets) {
      const auto& t = *node.as_table();  // the schema checked the shape
      patterns_.push_back({&rule, string_or(t["description"]), string_array(t["keywords"]),
                           &rules.regex(string_or(t["regex"]))});
    }
  }
  std::vector<std::string> keywords;
  for (std::size_t p = 0; p < patterns_.size(); ++p) {
    for (const auto& kw : patterns_[p].keywords) {
      auto at = std::find(keywords.begin(), keywords.end(), kw);
      if (at == keywords.end()) {
        keywords.push_back(kw);
        patterns_of_keyword_.emplace_back();
        at = keywords.end() - 1;
      }
      patterns_of_keyword_[static_cast<std::size_t>(at - keywords.begin())].push_back(p);
    }
  }
  keywords_ = LiteralSet(std::move(keywords), false);
}

std::vector<SecretMatch> SecretScanner::find(std::string_view text) const {
  std::vector<SecretMatch> out;
  if (keywords_.empty()) return out;
  keywords_.each_in(text, [&](std::size_t index, std::size_t keyword_end) {
    std::size_t at = keyword_end - keywords_.literals()[index].size();
    std::string_view window = text.substr(at, kMaxTokenLength);
    for (std::size_t p : patterns_of_keyword_[index]) {
      auto m = patterns_[p].regex->find(window, 0, /*anchored=*/true);
      if (m.empty()) continue;
      std::size_t end = at + m[0].end;
      // More hex digits after it: a longer run holding a token (a snippet cut after the 32nd
      // digit would show that token whole). The match takes the run, up to the bound.
      while (end < text.size() && end - at < kMaxTokenLength && is_hex_digit(text[end])) ++end;
      // The next hit may lie inside this match (two tokens sharing characters): both are
      // returned, and redact_all hides their union.
      out.push_back({at, end, &patterns_[p]});
    }
    return true;
  });
  std::sort(out.begin(), out.end(), [](const SecretMatch& a, const SecretMatch& b) {
    return std::tie(a.begin, a.end, a.pattern) < std::tie(b.begin, b.end, b.pattern);
  });
  return out;
}

void SecretScanner::scan(const SourceFile& file, std::vector<Finding>& out) const {
  for (const auto& m : find(file.content())) {
    const RuleDef& rule = *m.pattern->rule;
    Finding f;
    f.rule_id = rule.id;
    f.severity = rule.severity;
    f.path = file.path();
    f.span = file.span_of(m.begin, m.end);
    std::string_view secret = std::string_view(file.content()).substr(m.begin, m.end - m.begin);
    f.message = m.pattern->description + " " + redact_secret(secret) + ": " + rule.message;
    f.fingerprint_text = "secret:" + std::string(secret);
    f.span_is_secret = true;
    out.push_back(std::move(f));
  }
}

std::string SecretScanner::redact_all(std::string_view text) const {
  std::string out;
  std::size_t last = 0;
  auto found = find(text);
  for (std::size_t i = 0; i < found.size();) {
    std::size_t b = found[i].begin, e = found[i].end;
    // Overlapping matches are redacted as one: redacted apart, the last characters shown of one
    // ("…cdda") and the rest of the other ("pi0123…") would spell that other token whole again.
    for (++i; i < found.size() && found[i].begin < e; ++i) e = std::max(e, found[i].end);
    out.append(text.substr(last, b - last));
    out.append(redact_secret(text.substr(b, e - b)));
    last = e;
  }
  out.append(text.substr(last));
  return out;
}

}  // namespace obolint

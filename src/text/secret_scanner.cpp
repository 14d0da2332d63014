#include "text/secret_scanner.h"

#include <algorithm>

#include "core/regex.h"
#include "text/redact.h"

namespace obolint {
namespace {

bool is_word_char(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

// Longest text a token pattern can match from its keyword; bounds the regex's work per hit.
constexpr std::size_t kMaxTokenLength = 96;

}  // namespace

SecretScanner::SecretScanner(const RuleSet& rules) {
  for (const auto& rule : rules.all()) {
    const auto* secrets = rule.data["text"]["secret"].as_array();
    if (!secrets) continue;
    for (const auto& node : *secrets) {
      const auto* t = node.as_table();
      if (!t) continue;
      SecretPattern p;
      p.description = string_or((*t)["description"], "secret");
      p.keywords = string_array((*t)["keywords"]);
      std::string re = string_or((*t)["regex"]);
      if (re.empty() || p.keywords.empty()) {
        throw RuleError(rule.source.string() + ": [[text.secret]] needs 'regex' and 'keywords'");
      }
      try {
        p.regex = compile_regex(re);
      } catch (const std::regex_error& e) {
        throw RuleError(rule.source.string() + ": invalid regex '" + re + "': " + e.what());
      }
      patterns_.push_back(std::move(p));
      rule_id_ = rule.id;
      rule_ = &rule;
    }
  }
}

std::vector<SecretMatch> SecretScanner::find(std::string_view text) const {
  std::vector<SecretMatch> out;
  for (const auto& p : patterns_) {
    for (const auto& kw : p.keywords) {
      std::size_t pos = 0;
      while ((pos = text.find(kw, pos)) != std::string_view::npos) {
        std::size_t at = pos++;
        if (at > 0 && is_word_char(text[at - 1])) continue;
        std::string_view window = text.substr(at, kMaxTokenLength);
        std::match_results<std::string_view::const_iterator> m;
        if (!std::regex_search(window.begin(), window.end(), m, p.regex,
                               std::regex_constants::match_continuous)) {
          continue;
        }
        std::size_t end = at + static_cast<std::size_t>(m.length(0));
        if (end < text.size() && is_word_char(text[end])) continue;
        out.push_back({at, end, &p});
        pos = end;
      }
    }
  }
  std::sort(out.begin(), out.end(),
            [](const SecretMatch& a, const SecretMatch& b) { return a.begin < b.begin; });
  return out;
}

void SecretScanner::scan(const SourceFile& file, std::vector<Finding>& out) const {
  if (!rule_) return;
  for (const auto& m : find(file.content())) {
    Finding f;
    f.rule_id = rule_id_;
    f.severity = rule_->severity;
    f.path = file.path();
    f.span = file.span_of(m.begin, m.end);
    std::string_view secret = std::string_view(file.content()).substr(m.begin, m.end - m.begin);
    f.message = m.pattern->description + " " + redact_secret(secret) + ": " + rule_->message;
    f.fingerprint_text = "secret:" + std::string(secret);
    f.span_is_secret = true;
    out.push_back(std::move(f));
  }
}

std::string SecretScanner::redact_all(std::string_view text) const {
  std::string out;
  std::size_t last = 0;
  for (const auto& m : find(text)) {
    if (m.begin < last) continue;
    out.append(text.substr(last, m.begin - last));
    out.append(redact_secret(text.substr(m.begin, m.end - m.begin)));
    last = m.end;
  }
  out.append(text.substr(last));
  return out;
}

}  // namespace obolint

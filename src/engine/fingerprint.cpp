#include "engine/fingerprint.h"

#include <map>

#include "core/sha256.h"

namespace obolint {
namespace {

std::string collapse_whitespace(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\r') out.push_back(c);
  }
  return out;
}

}  // namespace

std::vector<std::string> fingerprints(const std::vector<Finding>& findings,
                                      const std::vector<const SourceFile*>& files_by_finding) {
  std::vector<std::string> out;
  std::map<std::string, int> seen;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    std::string key = f.fingerprint_text;
    if (key.empty() && files_by_finding[i]) {
      key = collapse_whitespace(files_by_finding[i]->line_text(f.span.line));
    }
    std::string hash = sha256_hex(f.rule_id + "\n" + f.path + "\n" + key).substr(0, 32);
    int n = seen[hash]++;
    out.push_back(hash + ":" + std::to_string(n + 1));
  }
  return out;
}

}  // namespace obolint

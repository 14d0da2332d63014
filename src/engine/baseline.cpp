#include "engine/baseline.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "engine/fingerprint.h"
#include "platform/read_file.h"

namespace obolint {
namespace fs = std::filesystem;

namespace {

// A baseline of a million findings is ~150 MB: anything larger is not one.
constexpr std::size_t kMaxBaselineBytes = 256u << 20;

fs::path canonical_dir(const fs::path& dir) {
  std::error_code ec;
  fs::path abs = fs::absolute(dir.empty() ? fs::path(".") : dir, ec);
  fs::path c = fs::weakly_canonical(abs, ec);
  return ec ? abs.lexically_normal() : c;
}

// A baseline is JSON, whose strings are UTF-8: a file name that is not (Latin-1 on an old disk)
// is stored with U+FFFD for each bad byte, and compared the same way when read back.
std::string as_valid_utf8(const std::string& s) {
  if (is_valid_utf8(s)) return s;
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = 1;
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0xC0) n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (c >= 0x80 && (i + n > s.size() || !is_valid_utf8(std::string_view(s).substr(i, n)))) {
      out += "\uFFFD";
      ++i;
      continue;
    }
    out.append(s, i, n);
    i += n;
  }
  return out;
}

std::string relative_to(const std::string& path, const fs::path& canon_base,
                        const SecretScanner& secrets) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
  if (ec) p = fs::absolute(path).lexically_normal();
  std::string rel = p.lexically_relative(canon_base).generic_string();
  return as_valid_utf8(secrets.redact_all(rel.empty() ? fs::path(path).generic_string() : rel));
}

// Fingerprints computed over base-relative paths, for findings not suppressed inline (same order
// as `indices`).
std::vector<BaselineEntry> entries_for(const ScanResult& result, const fs::path& canon_base,
                                       std::vector<std::size_t>& indices,
                                       std::map<std::string, std::string>& rel_cache,
                                       const SecretScanner& secrets) {
  std::vector<Finding> copies;
  std::vector<const SourceFile*> files;
  for (std::size_t i = 0; i < result.findings.size(); ++i) {
    const Finding& f = result.findings[i];
    if (f.suppressed) continue;
    auto it = rel_cache.find(f.path);
    if (it == rel_cache.end())
      it = rel_cache.emplace(f.path, relative_to(f.path, canon_base, secrets)).first;
    Finding c = f;
    c.path = it->second;
    copies.push_back(std::move(c));
    auto file = result.files.find(f.path);
    files.push_back(file == result.files.end() ? nullptr : file->second.get());
    indices.push_back(i);
  }
  std::vector<std::string> fps = fingerprints(copies, files);
  std::vector<BaselineEntry> entries;
  for (std::size_t i = 0; i < copies.size(); ++i) {
    entries.push_back({copies[i].rule_id, copies[i].path, fps[i]});
  }
  return entries;
}

}  // namespace

Baseline make_baseline(const ScanResult& result, const fs::path& base_dir,
                       const SecretScanner& secrets) {
  std::vector<std::size_t> indices;
  std::map<std::string, std::string> cache;
  Baseline b;
  b.entries = entries_for(result, canonical_dir(base_dir), indices, cache, secrets);
  std::sort(b.entries.begin(), b.entries.end());
  b.entries.erase(std::unique(b.entries.begin(), b.entries.end()), b.entries.end());
  return b;
}

std::string baseline_text(const Baseline& baseline) {
  nlohmann::ordered_json doc;
  doc["version"] = 1;
  doc["tool"] = std::string("obolint ") + OBOLINT_VERSION;
  doc["entries"] = nlohmann::ordered_json::array();
  for (const auto& e : baseline.entries) {
    nlohmann::ordered_json j;
    j["rule"] = e.rule;
    j["path"] = e.path;
    j["fingerprint"] = e.fingerprint;
    doc["entries"].push_back(std::move(j));
  }
  return doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

Baseline load_baseline(const fs::path& file) {
  ReadFileResult text = read_regular_file(file, kMaxBaselineBytes);
  if (!text.content) {
    throw BaselineError(file.string() + ": cannot read the baseline (" + text.error +
                        "; create it with `obolint baseline`)");
  }
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(*text.content);
  } catch (const nlohmann::json::exception& e) {
    throw BaselineError(file.string() + ": not valid JSON: " + e.what());
  }
  auto bad = [&](const std::string& why) {
    return BaselineError(file.string() + ": not an obolint baseline: " + why);
  };
  if (!doc.is_object()) throw bad("expected a JSON object");
  if (!doc.contains("version") || doc["version"] != 1) throw bad("\"version\" must be 1");
  if (!doc.contains("entries") || !doc["entries"].is_array()) throw bad("\"entries\" missing");
  Baseline b;
  for (const auto& e : doc["entries"]) {
    if (!e.is_object()) throw bad("an entry is not an object");
    for (const char* k : {"rule", "path", "fingerprint"}) {
      if (!e.contains(k) || !e[k].is_string()) {
        throw bad(std::string("an entry lacks the string field \"") + k + "\"");
      }
    }
    b.entries.push_back({e["rule"].get<std::string>(), e["path"].get<std::string>(),
                         e["fingerprint"].get<std::string>()});
  }
  std::sort(b.entries.begin(), b.entries.end());
  b.entries.erase(std::unique(b.entries.begin(), b.entries.end()), b.entries.end());
  return b;
}

BaselineOutcome apply_baseline(const Baseline& baseline, ScanResult& result,
                               const fs::path& base_dir, const SecretScanner& secrets) {
  fs::path canon_base = canonical_dir(base_dir);
  std::vector<std::size_t> indices;
  std::map<std::string, std::string> rel_cache;
  std::vector<BaselineEntry> current = entries_for(result, canon_base, indices, rel_cache, secrets);

  std::set<BaselineEntry> listed(baseline.entries.begin(), baseline.entries.end());
  std::set<BaselineEntry> matched;
  std::vector<bool> hide(result.findings.size(), false);
  BaselineOutcome outcome;
  for (std::size_t i = 0; i < current.size(); ++i) {
    if (listed.count(current[i])) {
      hide[indices[i]] = true;
      matched.insert(current[i]);
      ++outcome.hidden;
    }
  }
  std::set<std::string> scanned;
  for (const auto& path : result.considered) {
    auto it = rel_cache.find(path);
    scanned.insert(it != rel_cache.end() ? it->second : relative_to(path, canon_base, secrets));
  }
  for (const auto& e : baseline.entries) {
    if (matched.count(e)) continue;
    std::error_code ec;
    bool gone = !fs::exists(canon_base / e.path, ec);
    if (scanned.count(e.path) || gone) ++outcome.stale;
  }
  for (std::size_t i = 0; i < result.findings.size(); ++i) {
    if (hide[i]) result.findings[i].baselined = true;
  }
  return outcome;
}

}  // namespace obolint

#include "engine/history.h"

#include <algorithm>

#include "text/secret_scanner.h"
#include "workflow/history_blobs.h"

namespace obolint::engine {
namespace {

// Blobs are analysed in batches: one pipeline run per batch, at most this many bytes of text.
constexpr std::size_t kBatchBytes = std::size_t{32} << 20;
constexpr std::size_t kBatchFiles = 512;

struct Origin {
  std::string short_commit;
  std::string date;
};

class HistoryScan {
 public:
  HistoryScan(const ScanRequest& request, const RuleSet& rules) : rules_(rules) {
    batch_.options = request.options;
    batch_.baseline = request.baseline;
    batch_.options.select = secret_rules(request.options);
    batch_.options.ignore.clear();
    for (const auto& r : rules.all()) {
      auto o = request.options.severity_overrides.find(r.id);
      result_.rule_severity[r.id] =
          o == request.options.severity_overrides.end() ? r.severity : o->second;
    }
  }

  bool any_rule() const { return !batch_.options.select.empty(); }

  void add(AddedBlob& blob) {
    std::string where = blob.short_commit + ":" + blob.path;
    if (blob.too_large) {
      result_.notes.push_back(
          {Note::Kind::Skipped, where, 0, 0,
           "skipped: larger than the size limit (" + std::to_string(blob.size) + " bytes)"});
      ++result_.stats.files_skipped;
      return;
    }
    // One text per display path in a batch: a path added again by a later commit waits.
    if (batch_.texts.count(blob.path) || bytes_ + blob.text.size() > kBatchBytes ||
        batch_.texts.size() >= kBatchFiles) {
      flush();
    }
    bytes_ += blob.text.size();
    origins_[blob.path] = {blob.short_commit, blob.date};
    batch_.texts.emplace(blob.path, std::move(blob.text));
  }

  ScanResult finish() {
    flush();
    std::sort(result_.findings.begin(), result_.findings.end(), finding_less);
    return std::move(result_);
  }

 private:
  std::vector<std::string> secret_rules(const ScanOptions& options) const {
    std::vector<std::string> ids;
    SecretScanner secrets(rules_);
    for (const auto& p : secrets.patterns()) {
      const std::string& id = p.rule->id;
      if (rule_selected(id, options.select, options.ignore) &&
          std::find(ids.begin(), ids.end(), id) == ids.end()) {
        ids.push_back(id);
      }
    }
    return ids;
  }

  void flush();

  const RuleSet& rules_;
  ScanRequest batch_;
  std::size_t bytes_ = 0;
  std::map<std::string, Origin> origins_;  // display path -> the commit of its blob
  ScanResult result_;
};

void HistoryScan::flush() {
  if (batch_.texts.empty()) return;
  ScanResult r = run(batch_, rules_);
  auto rename = [&](std::string& path) {
    if (auto it = origins_.find(path); it != origins_.end()) {
      path = it->second.short_commit + ":" + path;
    }
  };
  for (auto& f : r.findings) {
    const Origin& o = origins_[f.path];
    f.message += " (added in commit " + o.short_commit + ", " + o.date + ")";
    rename(f.path);
    for (auto& rel : f.related) {
      if (!rel.path.empty()) rename(rel.path);
    }
    result_.findings.push_back(std::move(f));
  }
  for (auto& n : r.notes) {
    rename(n.path);
    result_.notes.push_back(std::move(n));
  }
  for (auto& [path, file] : r.files) {
    std::string key = path;
    rename(key);
    result_.files.emplace(std::move(key), std::move(file));
  }
  for (auto& c : r.considered) {
    rename(c);
    result_.considered.push_back(std::move(c));
  }
  result_.stats.files_scanned += r.stats.files_scanned;
  result_.stats.files_skipped += r.stats.files_skipped;
  for (const auto& [lang, n] : r.stats.by_language) result_.stats.by_language[lang] += n;
  result_.stats.suppressed += r.stats.suppressed;
  result_.stats.baseline_hidden += r.stats.baseline_hidden;
  batch_.texts.clear();
  origins_.clear();
  bytes_ = 0;
}

}  // namespace

ScanResult run_history(const ScanRequest& request, const RuleSet& rules) {
  HistoryScan scan(request, rules);
  if (!scan.any_rule()) return scan.finish();
  for_each_added_blob(*request.history, request.options.max_file_size, {},
                      [&](AddedBlob& blob) { scan.add(blob); });
  return scan.finish();
}

}  // namespace obolint::engine

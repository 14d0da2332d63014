#include "lsp/workspace.h"

#include <algorithm>

#include "discover/discover.h"
#include "engine/config.h"
#include "engine/run.h"

namespace obolint::lsp {
namespace fs = std::filesystem;
namespace {

// The pipeline resolves display paths, per-path ignores and C++ include folders against the
// current directory, as `obolint scan` run from the folder does: the analysis runs there. The
// server analyses on one thread, so the process-wide directory is never contended.
class InDirectory {
 public:
  explicit InDirectory(const fs::path& dir) {
    std::error_code ec;
    old_ = fs::current_path(ec);
    fs::current_path(dir, ec);
  }
  ~InDirectory() {
    std::error_code ec;
    if (!old_.empty()) fs::current_path(old_, ec);
  }
  InDirectory(const InDirectory&) = delete;
  InDirectory& operator=(const InDirectory&) = delete;

 private:
  fs::path old_;
};

bool python_path(std::string_view display, std::string_view text) {
  if (display.ends_with(".ipynb")) return false;  // a notebook is JSON: analysed on its own
  return classify(fs::path(display), text.substr(0, 256)) == Language::Python;
}

double since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

bool is_context_file(std::string_view display) {
  std::string_view name =
      display.substr(display.rfind('/') == std::string_view::npos ? 0 : display.rfind('/') + 1);
  static constexpr std::string_view kNames[] = {
      "app.yaml",       "app.yml",   "databricks.yml", "databricks.yaml",
      "pyproject.toml", "setup.cfg", "Pipfile",        "environment.yml"};
  if (std::find(std::begin(kNames), std::end(kNames), name) != std::end(kNames)) return true;
  return name.starts_with("requirements") && name.ends_with(".txt");
}

Workspace::Workspace(fs::path root, fs::path rules_dir, bool index_disk)
    : root_(std::move(root)), rules_dir_(std::move(rules_dir)), index_disk_(index_disk) {}

std::string Workspace::reload() {
  auto rules = std::make_unique<RuleSet>(RuleSet::load(rules_dir_));
  Config config;
  std::string problem;
  try {
    if (auto file = find_config(root_)) config = load_config(*file, *rules);
  } catch (const ConfigError& e) {
    problem = e.what();
    config = Config{};
  }
  config.scan_start = root_;
  merge_rule_data(*rules, config);
  ScanOptions options;
  apply_config(config, options);
  options.cpp.scan_roots = {fs::path(".")};
  secrets_.reset();  // it points into the rules it replaces
  rules_ = std::move(rules);
  secrets_ = std::make_unique<SecretScanner>(*rules_);
  options_ = std::move(options);
  indexed_ = false;  // exclude/include may have changed
  return problem;
}

bool Workspace::contains(const fs::path& file) const {
  fs::path rel = file.lexically_relative(root_);
  return !rel.empty() && *rel.begin() != "..";
}

std::string Workspace::display_path(const fs::path& file) const {
  if (!contains(file)) return file.generic_string();
  return file.lexically_relative(root_).generic_string();
}

fs::path Workspace::absolute(std::string_view display) const {
  fs::path p(display);
  return p.is_absolute() ? p : (root_ / p).lexically_normal();
}

bool Workspace::excluded(const std::string& display) const {
  if (index_disk_ && indexed_ && !discovered_.count(display)) {
    std::error_code ec;
    if (fs::exists(absolute(display), ec)) return true;  // on disk, and discovery skipped it
  } else if (discovered_.count(display)) {
    return false;
  }
  const auto& d = options_.discover;
  for (const auto& g : d.exclude) {
    if (path_matches(g, display)) return true;
  }
  return !d.include.empty() && std::none_of(d.include.begin(), d.include.end(), [&](const auto& g) {
    return path_matches(g, display);
  });
}

void Workspace::read_module(const std::string& display, const fs::path& file) {
  std::vector<Note> ignored;  // a file that cannot be read is reported when it is analysed
  auto src = read_source(display, file, options_.max_file_size, ignored);
  if (src && src->language() == Language::Python) {
    index_.set(display, src->content());
  } else {
    index_.remove(display);
  }
}

void Workspace::refresh_index() {
  if (!index_disk_) return;
  auto t0 = std::chrono::steady_clock::now();
  auto started = fs::file_time_type::clock::now();
  InDirectory here(root_);
  Discovery found;
  try {
    found = discover({"."}, options_.discover);
  } catch (const PathError&) {
    return;  // the folder is gone: keep what is known
  }
  discovered_.clear();
  context_.clear();
  std::map<std::string, DiskFile, std::less<>> modules;
  for (auto& f : found.files) {
    discovered_.insert(f.path);
    if (is_context_file(f.path)) context_.insert(f.path);
    if (!python_path(f.path, {})) continue;
    std::error_code ec;
    DiskFile now{fs::last_write_time(f.fs_path, ec), fs::file_size(f.fs_path, ec)};
    auto old = modules_.find(f.path);
    if (old == modules_.end() || old->second.mtime != now.mtime || old->second.size != now.size) {
      read_module(f.path, f.fs_path);
    }
    modules.emplace(f.path, now);
  }
  for (const auto& [path, file] : modules_) {
    if (!modules.count(path)) index_.remove(path);
  }
  modules_ = std::move(modules);
  indexed_ = true;
  indexed_at_ = std::chrono::steady_clock::now();
  index_started_ = started;
  index_ms_ = since(t0);
}

bool Workspace::newer_than_index(const fs::path& file) const {
  std::error_code ec;
  auto written = fs::last_write_time(file, ec);
  // A second of margin: file systems with coarse timestamps round a write down.
  return !ec && (!indexed_ || written + std::chrono::seconds(1) >= index_started_);
}

void Workspace::disk_changed(const std::string& display) {
  if (!index_disk_ || !python_path(display, {})) return;
  std::error_code ec;
  fs::path file = absolute(display);
  if (!fs::exists(file, ec)) {
    index_.remove(display);
    modules_.erase(display);
    return;
  }
  modules_[display] = {fs::last_write_time(file, ec), fs::file_size(file, ec)};
  read_module(display, file);
}

void Workspace::buffer_changed(const std::string& display, std::string_view text) {
  if (index_disk_ && python_path(display, text)) index_.set(display, text);
}

std::set<std::string> Workspace::inputs_for(const std::set<std::string>& targets) const {
  std::set<std::string> inputs = index_.imports(targets);
  inputs.insert(context_.begin(), context_.end());
  return inputs;
}

Analysis Workspace::analyze(const std::set<std::string>& changed,
                            const std::map<std::string, std::string_view, std::less<>>& buffers) {
  auto t0 = std::chrono::steady_clock::now();
  if (index_disk_ && !indexed_) refresh_index();
  InDirectory here(root_);
  Analysis out;
  std::vector<std::string> python;
  for (const auto& path : changed) {
    auto buffer = buffers.find(path);
    std::string_view text = buffer == buffers.end() ? std::string_view() : buffer->second;
    bool is_python = python_path(path, text);
    if (buffer != buffers.end()) buffer_changed(path, text);
    if (is_python && index_disk_) {
      python.push_back(path);
    } else {
      out.targets.insert(path);
    }
  }
  std::set<std::string> inputs = out.targets;
  if (!python.empty()) {
    std::set<std::string> importers = index_.importers(python);
    out.targets.insert(importers.begin(), importers.end());
    std::set<std::string> needed = inputs_for(importers);
    inputs.insert(needed.begin(), needed.end());
  }

  // The one pipeline (engine/run.h): open buffers by their text, the rest from disk.
  engine::ScanRequest request;
  request.options = options_;
  request.options.jobs = 1;  // a handful of files: threads cost more than they save
  for (const auto& path : inputs) {
    auto buffer = buffers.find(path);
    std::error_code ec;
    if (buffer == buffers.end()) {
      // Gone since the index was read: discovery would refuse the whole request.
      if (fs::exists(absolute(path), ec)) request.paths.push_back(path);
    } else {
      request.texts.emplace(path, std::string(buffer->second));
    }
  }
  out.inputs = static_cast<int>(request.paths.size() + request.texts.size());
  if (out.inputs == 0) return out;  // an empty request would scan the whole folder
  ScanResult result = engine::run(request, *rules_);
  for (auto& f : result.findings) {
    if (out.targets.count(f.path)) out.findings[f.path].push_back(std::move(f));
  }
  for (auto& n : result.notes) {
    if (out.targets.count(n.path)) out.notes[n.path].push_back(std::move(n));
  }
  out.files = std::move(result.files);
  out.milliseconds = since(t0);
  return out;
}

}  // namespace obolint::lsp

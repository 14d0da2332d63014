#include "apps/bundles.h"

#include <map>

#include "apps/yaml_doc.h"
#include "discover/glob.h"

namespace obolint::apps {
namespace {

// A map's value for `key`, or nothing (yaml-cpp throws when a scalar is subscripted).
std::optional<YAML::Node> child(const YAML::Node& node, const char* key) {
  if (!node.IsMap()) return std::nullopt;
  for (const auto& kv : node) {
    if (kv.first.IsScalar() && kv.first.Scalar() == key) return kv.second;
  }
  return std::nullopt;
}

Location at_key(const std::string& path, const YAML::Node& key) {
  const YAML::Mark m = key.Mark();
  int line = m.line + 1, column = m.column + 1;
  int width = key.IsScalar() ? static_cast<int>(key.Scalar().size()) : 1;
  return {path, {line, column, line, column + width}};
}

std::optional<YAML::Node> load(const SourceFile& file, std::vector<Note>& notes) {
  YamlDoc doc = load_yaml(file.content());
  if (!doc.root) {
    notes.push_back({Note::Kind::ParseError, file.path(), doc.error_line, 0,
                     "bundle file not read: " + doc.error});
  }
  return doc.root;
}

class BundleReader {
 public:
  explicit BundleReader(std::vector<facts::BundleApp>& out) : out_(out) {}

  void read(const YAML::Node& doc, const std::string& path) {
    if (auto apps = resources_apps(doc)) add_apps(*apps, path);
    if (auto targets = child(doc, "targets"); targets && targets->IsMap()) {
      for (const auto& target : *targets) {
        if (auto apps = resources_apps(target.second)) add_apps(*apps, path);
      }
    }
  }

 private:
  static std::optional<YAML::Node> resources_apps(const YAML::Node& node) {
    auto resources = child(node, "resources");
    return resources ? child(*resources, "apps") : std::nullopt;
  }

  void add_apps(const YAML::Node& apps, const std::string& path) {
    if (!apps.IsMap()) return;
    for (const auto& kv : apps) {
      if (!kv.first.IsScalar()) continue;
      facts::BundleApp& app = entry(kv.first.Scalar(), at_key(path, kv.first), path);
      const YAML::Node& def = kv.second;
      if (auto source = child(def, "source_code_path"); source && !app.source_dir) {
        // Relative to the file that declares it; a ${var...} reference is not a path we know.
        if (source->IsScalar() && source->Scalar().find("${") == std::string::npos) {
          app.source_dir = join_path(dir_of(path), source->Scalar());
        }
      }
      if (!def.IsMap()) continue;
      for (const auto& field : def) {
        if (!field.first.IsScalar() || field.first.Scalar() != "user_api_scopes") continue;
        app.scopes_declared = true;
        if (!app.scopes_at) app.scopes_at = at_key(path, field.first);
        if (!field.second.IsSequence()) continue;
        for (const auto& scope : field.second) {
          if (scope.IsScalar()) app.scopes.push_back(scope.Scalar());
        }
      }
    }
  }

  // One BundleApp per key: a target's definition adds to the top-level one.
  facts::BundleApp& entry(const std::string& key, const Location& at, const std::string& path) {
    auto [it, inserted] = index_.try_emplace(key, out_.size());
    if (inserted) {
      facts::BundleApp app;
      app.key = key;
      app.bundle_file = path;
      app.at = at;
      out_.push_back(std::move(app));
    }
    return out_[it->second];
  }

  std::vector<facts::BundleApp>& out_;
  std::map<std::string, std::size_t> index_;
};

}  // namespace

std::vector<facts::BundleApp> read_bundles(ProjectFiles& files,
                                           const std::vector<std::string>& bundle_names,
                                           std::vector<Note>& notes) {
  std::vector<facts::BundleApp> out;
  for (const std::string& root_path : files.named(bundle_names)) {
    const SourceFile* root_file = files.get(root_path);
    if (!root_file) continue;
    auto root = load(*root_file, notes);
    if (!root) continue;
    BundleReader reader(out);
    reader.read(*root, root_file->path());
    std::string root_dir = dir_of(root_file->path());
    auto includes = child(*root, "include");
    if (!includes || !includes->IsSequence()) continue;
    for (const std::string& path : files.paths()) {
      if (path == root_path || !facts::path_within(root_dir, path)) continue;
      std::string_view rel =
          std::string_view(path).substr(root_dir.empty() ? 0 : root_dir.size() + 1);
      bool included = false;
      for (const auto& glob : *includes) {
        included = included || (glob.IsScalar() && glob_match(glob.Scalar(), rel));
      }
      if (!included) continue;
      const SourceFile* file = files.get(path);
      if (!file) continue;
      if (auto doc = load(*file, notes)) reader.read(*doc, path);
    }
  }
  return out;
}

}  // namespace obolint::apps

#include "apps/manifests.h"

#include <set>

#include "apps/pyproject.h"
#include "apps/requirements.h"

namespace obolint::apps {
namespace {

class RequirementsReader {
 public:
  RequirementsReader(ProjectFiles& files, std::vector<Note>& notes)
      : files_(files), notes_(notes) {}

  void read(const SourceFile& file, int depth, std::vector<facts::Requirement>& out) {
    if (depth > kMaxIncludeDepth || !seen_.insert(file.path()).second) return;
    RequirementsFile parsed = parse_requirements(file.content(), file.path());
    out.insert(out.end(), parsed.requirements.begin(), parsed.requirements.end());
    std::string dir = dir_of(file.path());
    for (const auto& inc : parsed.includes) {
      if (const SourceFile* f = files_.get(join_path(dir, inc.target))) read(*f, depth + 1, out);
    }
    for (const auto& local : parsed.local_projects) {
      std::string project = join_path(join_path(dir, local.target), "pyproject.toml");
      if (const SourceFile* f = files_.get(project); f && seen_.insert(f->path()).second) {
        facts::DependencyManifest m = parse_pyproject(f->content(), f->path(), notes_);
        out.insert(out.end(), m.requirements.begin(), m.requirements.end());
      }
    }
  }

 private:
  ProjectFiles& files_;
  std::vector<Note>& notes_;
  std::set<std::string> seen_;
};

}  // namespace

facts::DependencyFacts read_manifests(ProjectFiles& files, std::vector<Note>& notes) {
  facts::DependencyFacts out;
  for (const std::string& path : files.named({"requirements.txt"})) {
    const SourceFile* f = files.get(path);
    if (!f) continue;
    facts::DependencyManifest m;
    m.path = f->path();
    m.dir = dir_of(f->path());
    m.kind = facts::ManifestKind::Requirements;
    RequirementsReader(files, notes).read(*f, 0, m.requirements);
    out.manifests.push_back(std::move(m));
  }
  for (const std::string& path : files.named({"pyproject.toml"})) {
    const SourceFile* f = files.get(path);
    if (!f) continue;
    out.manifests.push_back(parse_pyproject(f->content(), f->path(), notes));
  }
  return out;
}

}  // namespace obolint::apps

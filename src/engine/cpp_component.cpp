#include "engine/cpp_component.h"

#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>
#include <mutex>

#include "engine/cpp_component_abi.h"

namespace obolint {
namespace fs = std::filesystem;

namespace {

struct Loaded {
  const CppComponent* component = nullptr;
  std::string where;  // the file loaded
  std::string why;    // why nothing was loaded
};

std::vector<fs::path> candidates() {
  if (const char* env = std::getenv("OBOLINT_CPP_COMPONENT")) {
    if (*env == '\0') return {};
    return {fs::path(env)};
  }
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  fs::path bin = exe.parent_path();
  return {bin / "../lib/obolint/obolint-cpp.so", bin / "obolint-cpp.so"};
}

Loaded load() {
  Loaded r;
#ifndef OBOLINT_HAVE_CPP_COMPONENT
  r.why = "this obolint was built without the C++ front end (OBOLINT_CPP=OFF)";
  return r;
#else
  std::vector<fs::path> paths = candidates();
  if (paths.empty()) {
    r.why = "the C++ front end is switched off (OBOLINT_CPP_COMPONENT is empty)";
    return r;
  }
  for (const auto& p : paths) {
    std::error_code ec;
    if (!fs::exists(p, ec)) continue;
    // RTLD_LOCAL: the component's copies of obolint's own code stay private to it.
    void* handle = ::dlopen(p.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      const char* err = ::dlerror();
      r.why = "cannot load " + p.lexically_normal().string() + ": " + (err ? err : "unknown error");
      return r;
    }
    using Entry = const CppComponent* (*)();
    auto entry = reinterpret_cast<Entry>(::dlsym(handle, "obolint_cpp_component_v1"));
    const CppComponent* c = entry ? entry() : nullptr;
    if (c == nullptr) {
      r.why = p.lexically_normal().string() + " is not an obolint C++ component";
      return r;
    }
    if (std::string(c->version) != OBOLINT_VERSION || c->layout_stamp != component_layout_stamp()) {
      r.why = p.lexically_normal().string() + " comes from another obolint build (version " +
              c->version + "): reinstall obolint";
      return r;
    }
    r.component = c;
    r.where = p.lexically_normal().string();
    return r;
  }
  r.why = "the C++ front end component is not installed (looked for " +
          paths.front().lexically_normal().string() + ")";
  return r;
#endif
}

const Loaded& component() {
  static std::once_flag once;
  static Loaded loaded;
  std::call_once(once, [] { loaded = load(); });
  return loaded;
}

}  // namespace

void analyze_cpp_component(const std::vector<const SourceFile*>& files, const RuleSet& rules,
                           const std::vector<const RuleDef*>& active, const SecretScanner& secrets,
                           unsigned needs, const CppOptions& options,
                           std::vector<Finding>& findings, facts::Facts& facts,
                           std::vector<Note>& notes) {
  const Loaded& c = component();
  if (c.component != nullptr) {
    c.component->analyze(files, rules, active, secrets, needs, options, findings, facts, notes);
    return;
  }
  for (const SourceFile* f : files) {
    notes.push_back({Note::Kind::Skipped, f->path(), 0, 0,
                     "C++ analysis unavailable (" + c.why + "): scanned for secrets only"});
  }
}

std::optional<std::string> validate_matcher_via_component(const std::string& expression) {
  const Loaded& c = component();
  if (c.component == nullptr) return std::nullopt;
  return c.component->validate(expression);
}

std::string cpp_component_status() {
  const Loaded& c = component();
  return c.component != nullptr ? "C++ front end: " + c.where
                                : "C++ front end: none (" + c.why + ")";
}

}  // namespace obolint

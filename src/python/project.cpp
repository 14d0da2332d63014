#include "python/project.h"

#include "python/import_scan.h"

#include <cstdio>
#include <cstdlib>

namespace obolint::py {

Project::Project(std::vector<PythonInput> inputs, ResolverOptions options)
    : options_(std::move(options)) {
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    slots_.push_back(std::make_unique<Slot>());
    Slot& s = *slots_.back();
    s.input = std::move(inputs[i]);
    s.name = module_name_for_path(s.input.path);
    // "a.b.c" is found as "a.b.c", "b.c" and "c": imports name a module relative to wherever the
    // scan root happens to be.
    for (std::size_t at = 0; at != std::string::npos;) {
      by_suffix_.emplace(s.name.substr(at), static_cast<int>(i));
      at = s.name.find('.', at);
      if (at != std::string::npos) ++at;
    }
  }
}

Project::~Project() = default;

const Resolver* Project::load(int i) {
  if (i < 0 || i >= size()) return nullptr;
  Slot& s = *slots_[i];
  std::call_once(s.loaded, [&] {
    const SourceFile* file = s.input.file;
    if (!file && s.input.reload) {
      s.reloaded = s.input.reload();
      file = s.reloaded.get();
    }
    if (!file) return;
    // OBOLINT_TRACE_PARSE=1: which files are parsed, and whether the prefilter kept them (for
    // measuring the prefilter; never on in normal runs).
    static const bool trace = std::getenv("OBOLINT_TRACE_PARSE") != nullptr;
    if (trace)
      std::fprintf(stderr, "parse %s %s\n", s.input.file ? "kept" : "on-demand",
                   file->path().c_str());
    s.module = std::make_unique<Module>(*file);
    s.resolver = std::make_unique<Resolver>(*s.module, this, i);
  });
  return s.resolver.get();
}

int Project::find_module_index(std::string_view name) const {
  if (name.empty()) return -1;
  auto [lo, hi] = by_suffix_.equal_range(std::string(name));
  int best = -1;
  bool best_exact = false;
  for (auto it = lo; it != hi; ++it) {
    bool exact = slots_[it->second]->name == name;
    if (best < 0 || (exact && !best_exact) || (exact == best_exact && it->second < best)) {
      best = it->second;
      best_exact = exact;
    }
  }
  return best;
}

const Resolver* Project::find_module(std::string_view name) {
  return load(find_module_index(name));
}

std::string Project::function_return(int i, TSNode fn) {
  const Resolver* r = load(i);
  std::lock_guard lock(cross_mutex_);
  if (!r) return "";
  return r->function_return(fn, cross_memos_[i]);
}

std::string Project::module_global(int i, std::string_view name) {
  const Resolver* r = load(i);
  if (!r) return "";
  std::lock_guard lock(cross_mutex_);
  for (TSNode value : r->bindings_of(name, r->module().root())) {
    if (std::string path = r->resolve_with(value, cross_memos_[i]); !path.empty()) return path;
  }
  return "";
}

std::vector<Note> Project::parse_notes() const {
  std::vector<Note> out;
  for (const auto& s : slots_) {
    if (s->module && s->module->parse_error()) out.push_back(*s->module->parse_error());
  }
  return out;
}

}  // namespace obolint::py

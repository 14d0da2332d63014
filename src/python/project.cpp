#include "python/project.h"

#include "python/import_scan.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace obolint::py {

Project::Project(std::vector<PythonInput> inputs, ResolverOptions options)
    : options_(std::move(options)) {
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    slots_.push_back(std::make_unique<Slot>());
    Slot& s = *slots_.back();
    s.input = std::move(inputs[i]);
    names_.add(module_name_for_path(std::string(s.input.path)));
    std::erase_if(s.input.imported, [&](int k) {
      return k < 0 || k >= static_cast<int>(inputs.size()) || k == static_cast<int>(i);
    });
    s.input.imported.shrink_to_fit();
  }
  names_.finish();
}

Project::~Project() = default;

const Resolver* Project::load(int i) {
  if (i < 0 || i >= size()) return nullptr;
  Slot& s = *slots_[i];
  std::lock_guard lock(s.parse_mutex);
  if (s.tried) return s.resolver.get();
  s.tried = true;
  const SourceFile* file = s.input.file;
  if (!file && s.input.reload) {
    s.reloaded = s.input.reload();
    file = s.reloaded.get();
  }
  if (!file) return nullptr;
  // OBOLINT_TRACE_PARSE=1: which files are parsed, and whether the prefilter kept them (for
  // measuring the prefilter; never on in normal runs).
  static const bool trace = std::getenv("OBOLINT_TRACE_PARSE") != nullptr;
  if (trace) {
    std::fprintf(stderr, "parse %s %s\n", s.input.file ? "kept" : "on-demand",
                 file->path().c_str());
  }
  s.module = std::make_unique<Module>(*file);
  s.resolver = std::make_unique<Resolver>(*s.module, this, i);
  if (!s.parse_note) {
    if (auto note = s.module->parse_error()) {
      s.parse_note = std::make_unique<Note>(std::move(*note));
    }
  }
  return s.resolver.get();
}

void Project::begin_streaming() {
  std::lock_guard lock(cross_mutex_);
  streaming_ = true;
}

void Project::end_streaming() {
  std::lock_guard lock(cross_mutex_);
  streaming_ = false;
  for (int i : transient_lru_) release(i);
  transient_lru_.clear();
  transient_bytes_ = 0;
}

const Resolver* Project::acquire(int i) {
  {
    std::lock_guard lock(cross_mutex_);
    Slot& s = *slots_[i];
    s.held = true;
    if (s.transient) {
      transient_lru_.erase(std::find(transient_lru_.begin(), transient_lru_.end(), i));
      transient_bytes_ -= s.module->src().size();
      s.transient = false;
    }
  }
  return load(i);  // parsed outside the lock: every core parses
}

void Project::done(int i, bool keep) {
  std::lock_guard lock(cross_mutex_);
  Slot& s = *slots_[i];
  s.held = false;
  s.pinned = s.pinned || keep;
  if (!s.pinned) release(i);
}

const Resolver* Project::load_for_resolution(int i) {
  const Resolver* r = load(i);
  Slot& s = *slots_[i];
  if (!r || !streaming_ || s.held || s.pinned) return r;
  auto at = std::find(transient_lru_.begin(), transient_lru_.end(), i);
  if (at != transient_lru_.end()) {
    transient_lru_.erase(at);
  } else {
    s.transient = true;
    transient_bytes_ += r->module().src().size();
  }
  transient_lru_.push_back(i);
  return r;
}

void Project::release(int i) {
  Slot& s = *slots_[i];
  std::lock_guard lock(s.parse_mutex);
  cross_memos_.erase(i);
  s.resolver.reset();
  s.module.reset();
  s.reloaded.reset();
  s.tried = false;
  s.transient = false;
}

void Project::trim_transient() {
  // Budget in source bytes: a tree takes about 20 bytes per byte of source, so ~5 MB of trees
  // (answers are memoised by name: a dropped module is parsed again only for a new name).
  constexpr std::size_t kTransientBudget = 256 << 10;
  if (cross_depth_ != 0) return;  // a resolution up the stack may still read these trees
  while (transient_bytes_ > kTransientBudget && transient_lru_.size() > 1) {
    int oldest = transient_lru_.front();
    transient_lru_.erase(transient_lru_.begin());
    transient_bytes_ -= slots_[oldest]->module->src().size();
    release(oldest);
  }
}

int Project::find_module_index(std::string_view name, int near) const {
  return names_.find(
      name, near >= 0 && near < size() ? std::string_view(names_.name(near)) : std::string_view());
}

const Resolver* Project::find_module(std::string_view name) {
  return load(find_module_index(name));
}

// One cross-module question, memoised by name: `compute` runs on the loaded module (under the
// lock, with the module's node memo) unless the answer is known or being computed (a cycle
// between modules reads "").
template <typename Compute>
std::optional<std::string> Project::answer(int i, std::string key, Compute compute) {
  std::lock_guard lock(cross_mutex_);
  auto [it, fresh] = named_memo_.try_emplace({i, std::move(key)});
  if (!fresh) return it->second.done ? it->second.value : std::optional<std::string>("");
  ++cross_depth_;
  std::optional<std::string> result;
  if (const Resolver* r = load_for_resolution(i)) result = compute(*r, cross_memos_[i]);
  --cross_depth_;
  it->second = {true, result};  // std::map: the iterator survived the nested insertions
  trim_transient();
  return result;
}

std::optional<std::string> Project::function_return(int i, std::string_view name) {
  return answer(i, "def " + std::string(name),
                [&](const Resolver& r, Resolver::Memo& memo) -> std::optional<std::string> {
                  TSNode fn = r.function_named(name);
                  if (ts_node_is_null(fn)) return std::nullopt;
                  return r.function_return(fn, memo);
                });
}

std::string Project::module_global(int i, std::string_view name) {
  auto held = answer(i, "var " + std::string(name),
                     [&](const Resolver& r, Resolver::Memo& memo) -> std::optional<std::string> {
                       for (TSNode value : r.bindings_of(name, r.module().root())) {
                         if (std::string path = r.resolve_with(value, memo); !path.empty()) {
                           return path;
                         }
                       }
                       return std::string();
                     });
  return held.value_or("");
}

std::vector<Note> Project::parse_notes() const {
  std::vector<Note> out;
  for (const auto& s : slots_) {
    if (s->parse_note) out.push_back(*s->parse_note);
  }
  return out;
}

}  // namespace obolint::py

#include "core/literal_set.h"

#include <mutex>
#include <stdexcept>

#include <re2/re2.h>

#ifdef OBOLINT_HAVE_HYPERSCAN
#include <hs/hs.h>
#endif

namespace obolint {

#ifdef OBOLINT_HAVE_HYPERSCAN

// A compiled database plus a pool of scratch spaces (one per concurrent scan: Hyperscan's scratch
// is not shareable between threads).
struct LiteralSet::Impl {
  hs_database_t* db = nullptr;
  std::mutex pool_mutex;
  std::vector<hs_scratch_t*> pool;

  ~Impl() {
    for (auto* s : pool) hs_free_scratch(s);
    if (db) hs_free_database(db);
  }
  hs_scratch_t* take() {
    {
      std::lock_guard lock(pool_mutex);
      if (!pool.empty()) {
        hs_scratch_t* s = pool.back();
        pool.pop_back();
        return s;
      }
    }
    hs_scratch_t* s = nullptr;
    if (hs_alloc_scratch(db, &s) != HS_SUCCESS) throw std::bad_alloc();
    return s;
  }
  void give(hs_scratch_t* s) {
    std::lock_guard lock(pool_mutex);
    pool.push_back(s);
  }
};

LiteralSet::LiteralSet(std::vector<std::string> literals, bool caseless)
    : literals_(std::move(literals)), caseless_(caseless), impl_(std::make_unique<Impl>()) {
  if (literals_.empty()) return;
  std::vector<const char*> exprs;
  std::vector<std::size_t> lengths;
  std::vector<unsigned> flags, ids;
  for (std::size_t i = 0; i < literals_.size(); ++i) {
    exprs.push_back(literals_[i].data());
    lengths.push_back(literals_[i].size());
    flags.push_back(caseless ? HS_FLAG_CASELESS : 0u);
    ids.push_back(static_cast<unsigned>(i));
  }
  hs_compile_error_t* err = nullptr;
  if (hs_compile_lit_multi(exprs.data(), flags.data(), ids.data(), lengths.data(),
                           static_cast<unsigned>(exprs.size()), HS_MODE_BLOCK, nullptr, &impl_->db,
                           &err) != HS_SUCCESS) {
    std::string msg = err && err->message ? err->message : "unknown error";
    hs_free_compile_error(err);
    throw std::runtime_error("literal set: " + msg);
  }
}

bool LiteralSet::any_in(std::string_view text) const {
  if (literals_.empty() || text.empty()) return false;
  bool hit = false;
  hs_scratch_t* s = impl_->take();
  hs_scan(
      impl_->db, text.data(), static_cast<unsigned>(text.size()), 0, s,
      [](unsigned, unsigned long long, unsigned long long, unsigned, void* ctx) {
        *static_cast<bool*>(ctx) = true;
        return 1;  // stop at the first match
      },
      &hit);
  impl_->give(s);
  return hit;
}

void LiteralSet::each_in(std::string_view text,
                         const std::function<bool(std::size_t, std::size_t)>& on_match) const {
  if (literals_.empty() || text.empty()) return;
  hs_scratch_t* s = impl_->take();
  hs_scan(
      impl_->db, text.data(), static_cast<unsigned>(text.size()), 0, s,
      [](unsigned id, unsigned long long, unsigned long long to, unsigned, void* ctx) {
        const auto& f = *static_cast<const std::function<bool(std::size_t, std::size_t)>*>(ctx);
        return f(id, static_cast<std::size_t>(to)) ? 0 : 1;
      },
      const_cast<std::function<bool(std::size_t, std::size_t)>*>(&on_match));
  impl_->give(s);
}

const char* LiteralSet::engine() {
  return "hyperscan";
}

#else  // RE2 fallback

struct LiteralSet::Impl {
  std::unique_ptr<RE2> any;
};

namespace {
RE2::Options literal_options(bool caseless) {
  RE2::Options o;
  o.set_case_sensitive(!caseless);
  o.set_log_errors(false);
  o.set_max_mem(64 << 20);
  return o;
}
}  // namespace

LiteralSet::LiteralSet(std::vector<std::string> literals, bool caseless)
    : literals_(std::move(literals)), caseless_(caseless), impl_(std::make_unique<Impl>()) {
  if (literals_.empty()) return;
  std::string alternation;
  for (const auto& l : literals_) {
    if (!alternation.empty()) alternation += '|';
    alternation += RE2::QuoteMeta(l);
  }
  impl_->any = std::make_unique<RE2>(alternation, literal_options(caseless));
}

bool LiteralSet::any_in(std::string_view text) const {
  if (literals_.empty() || text.empty()) return false;
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *impl_->any);
}

void LiteralSet::each_in(std::string_view text,
                         const std::function<bool(std::size_t, std::size_t)>& on_match) const {
  if (literals_.empty() || text.empty()) return;
  // Each literal on its own, occurrences merged by end offset (overlaps included, as Hyperscan).
  std::vector<std::pair<std::size_t, std::size_t> > hits;  // (end, index)
  for (std::size_t i = 0; i < literals_.size(); ++i) {
    RE2 re(RE2::QuoteMeta(literals_[i]), literal_options(caseless_));
    re2::StringPiece input(text.data(), text.size());
    re2::StringPiece m;
    std::size_t from = 0;
    while (from < text.size() && re.Match(input, from, text.size(), RE2::UNANCHORED, &m, 1)) {
      std::size_t begin = static_cast<std::size_t>(m.data() - text.data());
      hits.emplace_back(begin + m.size(), i);
      from = begin + 1;
    }
  }
  std::sort(hits.begin(), hits.end());
  for (const auto& [end, index] : hits) {
    if (!on_match(index, end)) return;
  }
}

const char* LiteralSet::engine() {
  return "re2";
}

#endif

LiteralSet::~LiteralSet() = default;
LiteralSet::LiteralSet(LiteralSet&&) noexcept = default;
LiteralSet& LiteralSet::operator=(LiteralSet&&) noexcept = default;

}  // namespace obolint

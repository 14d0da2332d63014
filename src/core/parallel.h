// A minimal parallel loop for per-file work (parsing dominates a scan; files are independent).
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace obolint {

// Worker threads for a loop of `n` items: `jobs` (-j) when not 0, else $OBOLINT_JOBS when set,
// else the hardware's count.
inline unsigned worker_count(std::size_t n, unsigned jobs = 0) {
  if (const char* env = std::getenv("OBOLINT_JOBS"); jobs == 0 && env && *env) {
    jobs = static_cast<unsigned>(std::max(1L, std::strtol(env, nullptr, 10)));
  }
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
  return static_cast<unsigned>(std::min<std::size_t>(jobs, std::max<std::size_t>(n, 1)));
}

// Calls body(i) for i in [0, n), on several threads; items are handed out one at a time so a slow
// file does not hold up a whole chunk. The first exception thrown is rethrown here.
template <class Body>
void parallel_for(std::size_t n, unsigned jobs, Body&& body) {
  unsigned workers = worker_count(n, jobs);
  if (workers <= 1) {
    for (std::size_t i = 0; i < n; ++i) body(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto run = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < n;) {
      try {
        body(i);
      } catch (...) {
        std::lock_guard lock(error_mutex);
        if (!error) error = std::current_exception();
      }
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < workers; ++t) threads.emplace_back(run);
  run();
  for (auto& t : threads) t.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace obolint

namespace obolint {
// The same with the default job count.
template <class Body>
void parallel_for(std::size_t n, Body&& body) {
  parallel_for(n, 0u, std::forward<Body>(body));
}
}  // namespace obolint

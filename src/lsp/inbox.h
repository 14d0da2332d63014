// Messages read on their own thread and queued, so the server can wait for "the next message or
// the moment a debounced analysis is due", whichever comes first, and see every change already
// sent before it analyses (a burst of edits is analysed once, at its last version).
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>

#include "lsp/framing.h"

namespace obolint::lsp {

class Inbox {
 public:
  using Clock = std::chrono::steady_clock;

  // Starts reading `fd` (not owned) on a thread of its own, which ends at the end of input. It
  // may be blocked in read() on a client that stays connected when the server exits: it is not
  // waited for, and shares the queue so that it never outlives what it writes to.
  Inbox(int fd, std::size_t max_body);

  // The next frame, waiting until `deadline` at most (nullopt: none arrived by then). After the
  // end of input, a frame of kind End.
  std::optional<Frame> pop(Clock::time_point deadline);
  // True when a frame is waiting (the server drains them before analysing).
  bool ready();

 private:
  struct Queue {
    std::mutex mutex;
    std::condition_variable arrived;
    std::deque<Frame> frames;
  };
  static void read_loop(const std::shared_ptr<Queue>& queue, int fd, std::size_t max_body);

  std::shared_ptr<Queue> queue_;
};

}  // namespace obolint::lsp

#include "lsp/inbox.h"

#include <thread>

namespace obolint::lsp {

Inbox::Inbox(int fd, std::size_t max_body) : queue_(std::make_shared<Queue>()) {
  std::thread([queue = queue_, fd, max_body] { read_loop(queue, fd, max_body); }).detach();
}

void Inbox::read_loop(const std::shared_ptr<Queue>& queue, int fd, std::size_t max_body) {
  FrameReader reader(fd, max_body);
  while (true) {
    Frame f = reader.next();
    bool end = f.kind == Frame::Kind::End;
    {
      std::lock_guard<std::mutex> lock(queue->mutex);
      queue->frames.push_back(std::move(f));
    }
    queue->arrived.notify_one();
    if (end) return;
  }
}

std::optional<Frame> Inbox::pop(Clock::time_point deadline) {
  std::unique_lock<std::mutex> lock(queue_->mutex);
  if (!queue_->arrived.wait_until(lock, deadline, [&] { return !queue_->frames.empty(); })) {
    return std::nullopt;
  }
  // The End frame stays queued: every later pop sees it too.
  if (queue_->frames.front().kind == Frame::Kind::End) return queue_->frames.front();
  Frame f = std::move(queue_->frames.front());
  queue_->frames.pop_front();
  return f;
}

bool Inbox::ready() {
  std::lock_guard<std::mutex> lock(queue_->mutex);
  return !queue_->frames.empty();
}

}  // namespace obolint::lsp

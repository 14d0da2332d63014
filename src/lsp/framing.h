// The base protocol of LSP: each message is a header block ("Content-Length: N", optionally
// "Content-Type: ..."; lines end in \r\n, a blank line ends the block) and N bytes of JSON. A
// broken header block, or a body over the size limit, is reported and skipped: the stream goes
// on with the next message instead of stopping the server.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace obolint::lsp {

struct Frame {
  enum class Kind {
    Message,    // `body` holds one message's bytes
    Malformed,  // a header block without a usable Content-Length (skipped); `error` says why
    TooLarge,   // Content-Length over the limit: the body was read and dropped
    End,        // end of input (or a read error)
  };
  Kind kind = Kind::End;
  std::string body;
  std::string error;
  std::size_t length = 0;  // the Content-Length given (TooLarge)
};

class FrameReader {
 public:
  // Reads from `fd` (not owned). Bodies larger than `max_body` bytes are dropped.
  FrameReader(int fd, std::size_t max_body);
  Frame next();

 private:
  bool fill();  // reads more bytes into buffer_; false at end of input
  Frame read_body(std::size_t length);

  int fd_;
  std::size_t max_body_;
  std::string buffer_;
  std::size_t pos_ = 0;  // start of the unread part of buffer_
};

// Writes one message with its header; false when the output is gone (the client exited).
bool write_frame(int fd, std::string_view body);

// Header blocks longer than this are not LSP: they are skipped as malformed.
inline constexpr std::size_t kMaxHeaderBlock = 16 * 1024;

}  // namespace obolint::lsp

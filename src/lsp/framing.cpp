#include "lsp/framing.h"

#include <unistd.h>

#include <cerrno>
#include <charconv>

namespace obolint::lsp {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// The Content-Length of a header block, or an error.
bool content_length(std::string_view block, std::size_t& length, std::string& error) {
  bool found = false;
  while (!block.empty()) {
    std::size_t eol = block.find('\n');
    std::string_view line = block.substr(0, eol);
    block = eol == std::string_view::npos ? std::string_view() : block.substr(eol + 1);
    line = trim(line);
    if (line.empty()) continue;
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      error = "header line without ':'";
      return false;
    }
    if (lower(trim(line.substr(0, colon))) != "content-length") continue;
    std::string_view value = trim(line.substr(colon + 1));
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), length);
    if (ec != std::errc() || end != value.data() + value.size()) {
      error = "Content-Length is not a number";
      return false;
    }
    found = true;
  }
  if (!found) error = "no Content-Length header";
  return found;
}

}  // namespace

FrameReader::FrameReader(int fd, std::size_t max_body) : fd_(fd), max_body_(max_body) {}

bool FrameReader::fill() {
  if (pos_ > 0 && pos_ == buffer_.size()) {
    buffer_.clear();
    pos_ = 0;
  } else if (pos_ > (1u << 20)) {
    buffer_.erase(0, pos_);
    pos_ = 0;
  }
  char chunk[65536];
  while (true) {
    ssize_t n = ::read(fd_, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }
}

Frame FrameReader::next() {
  while (true) {
    // The header block ends at the first blank line ("\r\n\r\n", or "\n\n" from lenient clients).
    std::string_view pending = std::string_view(buffer_).substr(pos_);
    std::size_t crlf = pending.find("\r\n\r\n");
    std::size_t lf = pending.find("\n\n");
    std::size_t end = std::min(crlf, lf);
    if (end != std::string_view::npos) {
      std::size_t sep = end == crlf ? 4 : 2;
      std::string_view block = pending.substr(0, end);
      pos_ += end + sep;
      std::size_t length = 0;
      Frame f;
      if (!content_length(block, length, f.error)) {
        f.kind = Frame::Kind::Malformed;
        return f;
      }
      return read_body(length);
    }
    if (pending.size() > kMaxHeaderBlock) {
      pos_ = buffer_.size();  // not a header: drop it and look for the next one
      return {Frame::Kind::Malformed, {}, "header block longer than 16 KiB", 0};
    }
    if (!fill()) return {};
  }
}

Frame FrameReader::read_body(std::size_t length) {
  Frame f;
  f.length = length;
  if (length > max_body_) {
    // Dropped as it arrives: never held in memory.
    std::size_t left = length;
    while (left > 0) {
      if (pos_ == buffer_.size() && !fill()) return {};
      std::size_t take = std::min(left, buffer_.size() - pos_);
      pos_ += take;
      left -= take;
    }
    f.kind = Frame::Kind::TooLarge;
    f.error = "message of " + std::to_string(length) + " bytes is over the limit of " +
              std::to_string(max_body_);
    return f;
  }
  while (buffer_.size() - pos_ < length) {
    if (!fill()) return {};
  }
  f.kind = Frame::Kind::Message;
  f.body = buffer_.substr(pos_, length);
  pos_ += length;
  return f;
}

bool write_frame(int fd, std::string_view body) {
  std::string out = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  out.append(body);
  std::size_t done = 0;
  while (done < out.size()) {
    ssize_t n = ::write(fd, out.data() + done, out.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace obolint::lsp

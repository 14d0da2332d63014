#include "engine/sources.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace obolint {
namespace fs = std::filesystem;

namespace {

void append_utf8(std::uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

const char* file_type_name(mode_t mode) {
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISDIR(mode)) return "a directory";
  return "not a regular file";
}

// Why open() failed, in the user's terms (a link that leads nowhere is not "no such file").
std::string open_failure(const fs::path& path, int err) {
  struct stat lst {};
  if (err == ELOOP) return "symbolic link loop: skipped";
  if (err == ENOENT && ::lstat(path.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode)) {
    return "dangling symbolic link: skipped";
  }
  if (err == ENXIO) return "a socket: skipped";
  return std::string("cannot open file for reading: ") + std::strerror(err);
}

// Appends up to `n` bytes read from `fd` to `out` (fewer at the end of the file); the errno of a
// failed read, else 0.
int read_more(int fd, std::string& out, std::size_t n) {
  std::size_t have = out.size();
  out.resize(have + n);
  std::size_t got = 0;
  while (got < n) {
    ssize_t r = ::read(fd, out.data() + have + got, n - got);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) {
      out.resize(have + got);
      return errno;
    }
    if (r == 0) break;
    got += static_cast<std::size_t>(r);
  }
  out.resize(have + got);
  return 0;
}

}  // namespace

bool decode_utf16(std::string_view bytes, std::string& out) {
  if (bytes.size() < 2) return false;
  auto b0 = static_cast<unsigned char>(bytes[0]), b1 = static_cast<unsigned char>(bytes[1]);
  bool little = b0 == 0xFF && b1 == 0xFE;
  bool big = b0 == 0xFE && b1 == 0xFF;
  if (!little && !big) return false;
  std::string text;
  text.reserve(bytes.size());
  auto unit = [&](std::size_t i) -> std::uint32_t {
    auto lo = static_cast<unsigned char>(bytes[i]), hi = static_cast<unsigned char>(bytes[i + 1]);
    return little ? (hi << 8 | lo) : (lo << 8 | hi);
  };
  std::size_t i = 2;
  while (i + 1 < bytes.size()) {
    std::uint32_t u = unit(i);
    i += 2;
    if (u >= 0xD800 && u <= 0xDBFF && i + 1 < bytes.size()) {
      std::uint32_t next = unit(i);
      if (next >= 0xDC00 && next <= 0xDFFF) {
        i += 2;
        append_utf8(0x10000 + ((u - 0xD800) << 10) + (next - 0xDC00), text);
        continue;
      }
    }
    append_utf8(u >= 0xD800 && u <= 0xDFFF ? 0xFFFD : u, text);
  }
  if (i < bytes.size()) append_utf8(0xFFFD, text);  // an odd trailing byte
  out = std::move(text);
  return true;
}

std::unique_ptr<SourceFile> make_source(const std::string& display_path, std::string content,
                                        std::vector<Note>& notes) {
  std::string decoded;
  if (decode_utf16(content, decoded)) content = std::move(decoded);
  std::string_view head = std::string_view(content).substr(0, 8192);
  if (head.find('\0') != std::string_view::npos) {
    notes.push_back({Note::Kind::Skipped, display_path, 0, 0, "binary file skipped"});
    return nullptr;
  }
  // Every parser counts LF only; a CR not followed by LF would put a whole file on line 1.
  for (std::size_t i = content.find('\r'); i != std::string::npos; i = content.find('\r', i + 1)) {
    if (i + 1 == content.size() || content[i + 1] != '\n') content[i] = '\n';
  }
  Language lang = classify(display_path, std::string_view(content).substr(0, 8192));
  if (!is_valid_utf8(content)) {
    // A token in a Latin-1 file is still a leak: scan the bytes for secrets, skip the parser.
    notes.push_back({Note::Kind::Skipped, display_path, 0, 0,
                     "not valid UTF-8: scanned for secrets only, not parsed"});
    lang = Language::Text;
  }
  return std::make_unique<SourceFile>(display_path, std::move(content), lang);
}

std::unique_ptr<SourceFile> read_source(const std::string& display_path, const fs::path& fs_path,
                                        std::uintmax_t max_size, std::vector<Note>& notes) {
  auto skip = [&](std::string why) {
    notes.push_back({Note::Kind::Skipped, display_path, 0, 0, std::move(why)});
    return nullptr;
  };
  // O_NONBLOCK: opening a FIFO must not wait for a writer. Only regular files are then read.
  int fd = ::open(fs_path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) return skip(open_failure(fs_path, errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return skip(std::string(file_type_name(st.st_mode)) + ": skipped");
  }
  auto size = static_cast<std::uintmax_t>(st.st_size);
  if (size > max_size) {
    ::close(fd);
    return skip("larger than --max-file-size (" + std::to_string(size) + " bytes)");
  }
  // The head first: a binary file (most of a tree's bytes, in virtualenvs and build output) is
  // told by its first 8 KiB and never read whole. UTF-16 text has NULs too, after its mark.
  std::string content;
  content.reserve(static_cast<std::size_t>(size));
  constexpr std::size_t kHead = 8192;
  int err = read_more(fd, content, std::min<std::size_t>(kHead, size));
  bool utf16 = content.size() >= 2 && ((content[0] == '\xff' && content[1] == '\xfe') ||
                                       (content[0] == '\xfe' && content[1] == '\xff'));
  if (err == 0 && !utf16 && content.find('\0') != std::string::npos) {
    ::close(fd);
    return skip("binary file skipped");
  }
  // Read at most one byte past the size seen: a file that grows meanwhile is still bounded.
  if (err == 0) err = read_more(fd, content, static_cast<std::size_t>(size) + 1 - content.size());
  ::close(fd);
  if (err != 0) return skip(std::string("cannot read: ") + std::strerror(err));
  if (content.size() > max_size) return skip("larger than --max-file-size (grew while read)");
  return make_source(display_path, std::move(content), notes);
}

Sources read_sources(Discovery found, std::uintmax_t max_size) {
  Sources out;
  out.notes = std::move(found.notes);
  for (const auto& f : found.files) {
    auto src = read_source(f.path, f.fs_path, max_size, out.notes);
    if (src) {
      out.files.push_back(std::move(src));
    } else {
      ++out.skipped;
    }
  }
  return out;
}

}  // namespace obolint

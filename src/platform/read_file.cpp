#include "platform/read_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace obolint {

ReadFileResult read_regular_file(const std::filesystem::path& path, std::size_t max_bytes) {
  ReadFileResult r;
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) {
    r.error = errno == ENOENT ? std::string("not found") : std::strerror(errno);
    return r;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    r.error = S_ISFIFO(st.st_mode) ? "a FIFO, not a regular file" : "not a regular file";
    return r;
  }
  std::string content(std::min<std::size_t>(static_cast<std::size_t>(st.st_size), max_bytes) + 1,
                      '\0');
  std::size_t got = 0;
  while (got < content.size()) {
    ssize_t n = ::read(fd, content.data() + got, content.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      r.error = std::strerror(errno);
      ::close(fd);
      return r;
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  ::close(fd);
  if (got > max_bytes) {
    r.error = "larger than " + std::to_string(max_bytes) + " bytes";
    return r;
  }
  content.resize(got);
  r.content = std::move(content);
  return r;
}

}  // namespace obolint

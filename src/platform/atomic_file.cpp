#include "platform/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>
#include <string>

namespace obolint {
namespace fs = std::filesystem;

namespace {

std::string why(const std::string& what, int err) {
  return what + ": " + std::strerror(err);
}

// Closes on scope exit; unlinks the temporary file unless it was renamed into place.
struct TempFile {
  int fd = -1;
  std::string path;
  bool keep = false;
  ~TempFile() {
    if (fd >= 0) ::close(fd);
    if (!keep && !path.empty()) ::unlink(path.c_str());
  }
};

void write_in_place(const fs::path& target, std::string_view content) {
  int fd = ::open(target.c_str(), O_WRONLY | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) throw OutputError(why("cannot open " + target.string(), errno));
  try {
    write_all(fd, content, "cannot write " + target.string());
  } catch (...) {
    ::close(fd);
    throw;
  }
  if (::close(fd) != 0) throw OutputError(why("cannot write " + target.string(), errno));
}

}  // namespace

void write_all(int fd, std::string_view content, const std::string& what) {
  std::size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw OutputError(why(what, n < 0 ? errno : EIO));
    done += static_cast<std::size_t>(n);
  }
}

void write_file_atomically(const fs::path& target, std::string_view content, mode_t mode) {
  struct stat st {};
  bool exists = ::lstat(target.c_str(), &st) == 0;
  if (!exists && errno != ENOENT) throw OutputError(why("cannot write " + target.string(), errno));
  if (exists) {
    if (S_ISLNK(st.st_mode)) {
      throw OutputError(target.string() +
                        " is a symbolic link: refusing to write through it (remove it, or "
                        "choose another output path)");
    }
    if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) return write_in_place(target, content);
    if (!S_ISREG(st.st_mode)) {
      throw OutputError(target.string() + " exists and is not a regular file: not overwritten");
    }
  }
  fs::path dir = target.parent_path();
  if (dir.empty()) dir = ".";
  std::string base = target.filename().string();
  if (base.empty() || base == "." || base == "..") {
    throw OutputError(target.string() + ": not a file name");
  }
  TempFile tmp;
  std::random_device rd;
  for (int attempt = 0; attempt < 100 && tmp.fd < 0; ++attempt) {
    char suffix[17];
    std::snprintf(suffix, sizeof suffix, "%08x%08x", rd(), rd());
    std::string candidate = (dir / ("." + base + "." + suffix + ".tmp")).string();
    int fd = ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
    if (fd >= 0) {
      tmp.fd = fd;
      tmp.path = candidate;
    } else if (errno != EEXIST) {
      throw OutputError(why("cannot write " + target.string(), errno));
    }
  }
  if (tmp.fd < 0) throw OutputError("cannot write " + target.string() + ": no free temporary name");
  std::string what = "cannot write " + target.string();
  write_all(tmp.fd, content, what);
  if (exists && ::fchmod(tmp.fd, st.st_mode & 07777) != 0) throw OutputError(why(what, errno));
  if (::fsync(tmp.fd) != 0) throw OutputError(why(what, errno));
  int fd = tmp.fd;
  tmp.fd = -1;
  if (::close(fd) != 0) throw OutputError(why(what, errno));
  if (::rename(tmp.path.c_str(), target.c_str()) != 0) throw OutputError(why(what, errno));
  tmp.keep = true;
  // The rename itself is durable once the folder is synced; failing that is not worth an error.
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
}

}  // namespace obolint

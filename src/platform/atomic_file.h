// Writing obolint's outputs (reports, baselines, git hooks) without ever damaging another file.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <stdexcept>
#include <string_view>

namespace obolint {

// An output that could not be written: names the file and the reason (exit status 2).
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Writes `content` to `target`, which must be:
//  - missing, or a regular file: the content goes to a new temporary file beside it (random name,
//    O_CREAT|O_EXCL|O_NOFOLLOW, so nothing planted there is followed or reused), is fsynced, then
//    renamed over `target`. A reader sees the old file or the new one, never a half-written one;
//    an existing file keeps its permissions, a new one gets `mode` less the umask;
//  - a character device or a FIFO (/dev/null, a pipe): written in place, unbuffered.
// A symbolic link is refused: writing through it could replace a file anywhere. Throws
// OutputError for that, a directory, and any failed write (a full disk, /dev/full).
void write_file_atomically(const std::filesystem::path& target, std::string_view content,
                           mode_t mode = 0666);

// Writes all of `content` to the open descriptor `fd`, retrying short writes; throws OutputError
// naming `what` on failure.
void write_all(int fd, std::string_view content, const std::string& what);

}  // namespace obolint

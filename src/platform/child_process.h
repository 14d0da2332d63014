// A child process read as a stream (and, when asked, written to while it runs): for git commands
// whose output is too large to hold whole (`git log` over a long history, `git cat-file --batch`).
// run_process (platform/process.h) collects everything; this reads as the caller asks.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace obolint {

class ChildProcess {
 public:
  // Starts `argv` (looked up on PATH) in `cwd` with `env` added; standard error goes to an
  // unnamed temporary file (error_text()). Throws WorkflowError when it cannot start.
  ChildProcess(const std::vector<std::string>& argv, const std::filesystem::path& cwd,
               const std::vector<std::string>& env);
  // Kills the child if it still runs, and reaps it.
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Reads up to (not including) `delim`; false at the end of output with nothing read.
  bool read_until(char delim, std::string& out);
  // Reads exactly `n` bytes into `out` (appended when `keep`, dropped otherwise); false when the
  // output ends first.
  bool read_exact(std::size_t n, std::string& out, bool keep = true);
  // Writes all of `data` to the child's standard input; false when it is gone.
  bool write_all(std::string_view data);
  void close_input();
  // Closes the pipes, waits for the child and returns its exit status (128+N for signal N).
  int wait();
  // What the child wrote on standard error, at most the first 4 KiB.
  std::string error_text() const;

 private:
  bool fill();

  pid_t pid_ = -1;
  int in_fd_ = -1;
  int out_fd_ = -1;
  int err_fd_ = -1;
  std::string buffer_;
  std::size_t pos_ = 0;
  int status_ = -1;
};

// A hardened `git args...` (platform/process.h git_argv and environment) as a ChildProcess.
std::vector<std::string> hardened_git_env();

}  // namespace obolint

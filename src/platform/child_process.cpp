#include "platform/child_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "platform/process.h"

extern char** environ;

namespace obolint {
namespace {

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

}  // namespace

std::vector<std::string> hardened_git_env() {
  return {"GIT_TERMINAL_PROMPT=0", "GIT_OPTIONAL_LOCKS=0", "GIT_EXTERNAL_DIFF=", "GIT_PAGER=cat"};
}

ChildProcess::ChildProcess(const std::vector<std::string>& argv, const std::filesystem::path& cwd,
                           const std::vector<std::string>& env) {
  if (argv.empty()) throw WorkflowError("ChildProcess: empty command");
  int in_pipe[2], out_pipe[2], exec_pipe[2];
  FILE* err_file = std::tmpfile();
  if (err_file == nullptr || pipe2(in_pipe, O_CLOEXEC) != 0 || pipe2(out_pipe, O_CLOEXEC) != 0 ||
      pipe2(exec_pipe, O_CLOEXEC) != 0) {
    if (err_file) std::fclose(err_file);
    throw WorkflowError(std::string("cannot create pipes: ") + std::strerror(errno));
  }
  err_fd_ = fcntl(fileno(err_file), F_DUPFD_CLOEXEC, 0);
  std::fclose(err_file);
  std::vector<char*> cargv;
  for (const auto& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
  cargv.push_back(nullptr);
  std::string cwd_str = cwd.string();
  std::vector<std::string> env_strings = child_environment(env);
  std::vector<char*> cenv;
  for (auto& e : env_strings) cenv.push_back(e.data());
  cenv.push_back(nullptr);
  pid_ = fork();
  if (pid_ < 0) throw WorkflowError(std::string("cannot fork: ") + std::strerror(errno));
  if (pid_ == 0) {
    // Child: only async-signal-safe calls until exec.
    dup2(in_pipe[0], STDIN_FILENO);
    dup2(out_pipe[1], STDOUT_FILENO);
    dup2(err_fd_, STDERR_FILENO);
    signal(SIGPIPE, SIG_DFL);
    if (cwd_str.empty() || chdir(cwd_str.c_str()) == 0)
      execvpe(cargv[0], cargv.data(), cenv.data());
    int e = errno;
    (void)!write(exec_pipe[1], &e, sizeof e);
    _exit(127);
  }
  ::close(in_pipe[0]);
  ::close(out_pipe[1]);
  ::close(exec_pipe[1]);
  in_fd_ = in_pipe[1];
  out_fd_ = out_pipe[0];
  int exec_errno = 0;
  ssize_t n = read(exec_pipe[0], &exec_errno, sizeof exec_errno);
  ::close(exec_pipe[0]);
  if (n == static_cast<ssize_t>(sizeof exec_errno)) {
    wait();
    close_fd(err_fd_);
    throw WorkflowError("cannot run " + argv[0] + ": " + std::strerror(exec_errno));
  }
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0 && status_ < 0) kill(pid_, SIGTERM);
  wait();
  close_fd(err_fd_);
}

bool ChildProcess::fill() {
  if (pos_ == buffer_.size()) {
    buffer_.clear();
    pos_ = 0;
  } else if (pos_ > (1u << 16)) {
    buffer_.erase(0, pos_);
    pos_ = 0;
  }
  if (out_fd_ < 0) return false;
  char chunk[65536];
  while (true) {
    ssize_t n = ::read(out_fd_, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }
}

bool ChildProcess::read_until(char delim, std::string& out) {
  out.clear();
  std::size_t scanned = pos_;
  while (true) {
    std::size_t at = buffer_.find(delim, scanned);
    if (at != std::string::npos) {
      out.assign(buffer_, pos_, at - pos_);
      pos_ = at + 1;
      return true;
    }
    std::size_t had = buffer_.size() - pos_;  // all scanned: no delimiter in them
    if (!fill()) {
      out.assign(buffer_, pos_, std::string::npos);
      pos_ = buffer_.size();
      return !out.empty();
    }
    scanned = pos_ + had;  // fill() may have moved the unread part
  }
}

bool ChildProcess::read_exact(std::size_t n, std::string& out, bool keep) {
  while (n > 0) {
    if (pos_ == buffer_.size() && !fill()) return false;
    std::size_t take = std::min(n, buffer_.size() - pos_);
    if (keep) out.append(buffer_, pos_, take);
    pos_ += take;
    n -= take;
  }
  return true;
}

bool ChildProcess::write_all(std::string_view data) {
  // Writing to a child that exited must not kill us.
  struct sigaction ignore {
  }, old{};
  ignore.sa_handler = SIG_IGN;
  sigaction(SIGPIPE, &ignore, &old);
  bool ok = in_fd_ >= 0;
  while (ok && !data.empty()) {
    ssize_t w = ::write(in_fd_, data.data(), data.size());
    if (w < 0 && errno == EINTR) continue;
    ok = w > 0;
    if (ok) data.remove_prefix(static_cast<std::size_t>(w));
  }
  sigaction(SIGPIPE, &old, nullptr);
  return ok;
}

void ChildProcess::close_input() {
  close_fd(in_fd_);
}

int ChildProcess::wait() {
  close_fd(in_fd_);
  close_fd(out_fd_);
  if (pid_ > 0 && status_ < 0) {
    int st = 0;
    while (waitpid(pid_, &st, 0) < 0 && errno == EINTR) {
    }
    status_ = WIFEXITED(st) ? WEXITSTATUS(st) : WIFSIGNALED(st) ? 128 + WTERMSIG(st) : 1;
  }
  return status_;
}

std::string ChildProcess::error_text() const {
  if (err_fd_ < 0) return {};
  char buf[4096];
  ssize_t n = pread(err_fd_, buf, sizeof buf, 0);
  std::string s = n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string();
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

}  // namespace obolint

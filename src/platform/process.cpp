#include "platform/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <set>

extern char** environ;

namespace obolint {
namespace fs = std::filesystem;

namespace {

std::string trim_newlines(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

// Feeds `input` to the child and collects its output until both pipes close (poll, no threads).
void pump(int& in_fd, int& out_fd, int& err_fd, const std::string& input, ProcessResult& r) {
  std::size_t written = 0;
  if (input.empty()) close_fd(in_fd);
  char buf[65536];
  while (in_fd >= 0 || out_fd >= 0 || err_fd >= 0) {
    pollfd fds[3];
    int nfds = 0;
    int idx_in = -1, idx_out = -1, idx_err = -1;
    if (in_fd >= 0) idx_in = nfds, fds[nfds++] = {in_fd, POLLOUT, 0};
    if (out_fd >= 0) idx_out = nfds, fds[nfds++] = {out_fd, POLLIN, 0};
    if (err_fd >= 0) idx_err = nfds, fds[nfds++] = {err_fd, POLLIN, 0};
    if (poll(fds, static_cast<nfds_t>(nfds), -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (idx_in >= 0 && fds[idx_in].revents != 0) {
      ssize_t w = write(in_fd, input.data() + written, input.size() - written);
      if (w > 0) written += static_cast<std::size_t>(w);
      if ((w < 0 && errno != EAGAIN && errno != EINTR) || written == input.size()) close_fd(in_fd);
    }
    auto drain = [&](int idx, int& fd, std::string& sink) {
      if (idx < 0 || fds[idx].revents == 0) return;
      ssize_t got = read(fd, buf, sizeof buf);
      if (got > 0) {
        sink.append(buf, static_cast<std::size_t>(got));
      } else if (got == 0 || (errno != EAGAIN && errno != EINTR)) {
        close_fd(fd);
      }
    };
    drain(idx_out, out_fd, r.out);
    drain(idx_err, err_fd, r.err);
  }
}

}  // namespace

// The child's environment: ours with `overrides` ("NAME=value") replacing same-named entries.
// Built before fork: the child may only make async-signal-safe calls.
std::vector<std::string> child_environment(const std::vector<std::string>& overrides) {
  std::set<std::string> names;
  for (const auto& o : overrides) names.insert(o.substr(0, o.find('=')));
  std::vector<std::string> out;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string entry(*e);
    if (!names.count(entry.substr(0, entry.find('=')))) out.push_back(std::move(entry));
  }
  out.insert(out.end(), overrides.begin(), overrides.end());
  return out;
}

ProcessResult run_process(const std::vector<std::string>& argv, const std::string& input,
                          const fs::path& cwd, const std::vector<std::string>& env) {
  if (argv.empty()) throw WorkflowError("run_process: empty command");
  int in_pipe[2], out_pipe[2], err_pipe[2], exec_pipe[2];
  if (pipe2(in_pipe, O_CLOEXEC) != 0 || pipe2(out_pipe, O_CLOEXEC) != 0 ||
      pipe2(err_pipe, O_CLOEXEC) != 0 || pipe2(exec_pipe, O_CLOEXEC) != 0) {
    throw WorkflowError(std::string("cannot create pipes: ") + std::strerror(errno));
  }
  std::vector<char*> cargv;
  for (const auto& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
  cargv.push_back(nullptr);
  std::string cwd_str = cwd.string();
  std::vector<std::string> env_strings = child_environment(env);
  std::vector<char*> cenv;
  for (auto& e : env_strings) cenv.push_back(e.data());
  cenv.push_back(nullptr);

  pid_t pid = fork();
  if (pid < 0) throw WorkflowError(std::string("cannot fork: ") + std::strerror(errno));
  if (pid == 0) {
    // Child: only async-signal-safe calls until exec.
    dup2(in_pipe[0], STDIN_FILENO);
    dup2(out_pipe[1], STDOUT_FILENO);
    dup2(err_pipe[1], STDERR_FILENO);
    signal(SIGPIPE, SIG_DFL);
    if (!cwd_str.empty() && chdir(cwd_str.c_str()) != 0) {
      int e = errno;
      (void)!write(exec_pipe[1], &e, sizeof e);
      _exit(127);
    }
    execvpe(cargv[0], cargv.data(), cenv.data());
    int e = errno;
    (void)!write(exec_pipe[1], &e, sizeof e);
    _exit(127);
  }
  ::close(in_pipe[0]);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  ::close(exec_pipe[1]);
  int exec_errno = 0;
  ssize_t n_exec = read(exec_pipe[0], &exec_errno, sizeof exec_errno);
  ::close(exec_pipe[0]);

  int in_fd = in_pipe[1], out_fd = out_pipe[0], err_fd = err_pipe[0];
  ProcessResult r;
  if (n_exec == static_cast<ssize_t>(sizeof exec_errno)) {
    close_fd(in_fd);
    close_fd(out_fd);
    close_fd(err_fd);
    int st = 0;
    waitpid(pid, &st, 0);
    throw WorkflowError("cannot run " + argv[0] + ": " + std::strerror(exec_errno));
  }
  // Writing to a child that exited early must not kill us.
  struct sigaction ignore {
  }, old{};
  ignore.sa_handler = SIG_IGN;
  sigaction(SIGPIPE, &ignore, &old);
  fcntl(in_fd, F_SETFL, O_NONBLOCK);
  pump(in_fd, out_fd, err_fd, input, r);
  close_fd(in_fd);
  sigaction(SIGPIPE, &old, nullptr);
  int st = 0;
  while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(st)) {
    r.status = WEXITSTATUS(st);
  } else if (WIFSIGNALED(st)) {
    r.status = 128 + WTERMSIG(st);
  }
  return r;
}

std::vector<std::string> git_argv(const std::vector<std::string>& args) {
  std::vector<std::string> argv{"git",
                                "-c",
                                "core.fsmonitor=false",
                                "-c",
                                "core.pager=cat",
                                "-c",
                                "diff.external=",
                                "-c",
                                "credential.helper=",
                                "-c",
                                "core.askPass=",
                                "-c",
                                "protocol.allow=never"};
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

ProcessResult run_git(const std::vector<std::string>& args, const fs::path& cwd,
                      const std::string& input) {
  // No prompt for credentials (nothing may wait on a terminal), no index refresh written behind
  // the user's back, no external diff from the environment.
  return run_process(
      git_argv(args), input, cwd,
      {"GIT_TERMINAL_PROMPT=0", "GIT_OPTIONAL_LOCKS=0", "GIT_EXTERNAL_DIFF=", "GIT_PAGER=cat"});
}

std::string git_output(const std::vector<std::string>& args, const fs::path& cwd,
                       const std::string& input) {
  ProcessResult r = run_git(args, cwd, input);
  if (r.status != 0) {
    std::string msg = trim_newlines(r.err);
    std::string cmd = "git";
    for (const auto& a : args) cmd += " " + a;
    throw WorkflowError(cmd + " failed" + (msg.empty() ? std::string() : ": " + msg));
  }
  return r.out;
}

std::vector<std::string> git_filter_overrides(const fs::path& cwd) {
  ProcessResult r = run_git({"config", "-z", "--name-only", "--get-regexp", "^filter\\."}, cwd);
  std::vector<std::string> out;
  if (r.status != 0) return out;  // 1: no filter configured
  std::set<std::string> drivers;
  std::size_t pos = 0;
  while (pos < r.out.size()) {
    std::size_t end = r.out.find('\0', pos);
    if (end == std::string::npos) end = r.out.size();
    std::string name = r.out.substr(pos, end - pos);
    pos = end + 1;
    // filter.<driver>.<key>: the driver name may itself hold dots.
    std::size_t last = name.rfind('.');
    if (name.rfind("filter.", 0) == 0 && last != std::string::npos && last > 7) {
      drivers.insert(name.substr(7, last - 7));
    }
  }
  for (const auto& d : drivers) {
    for (const char* key : {"clean", "smudge", "process"}) {
      out.insert(out.end(), {"-c", "filter." + d + "." + key + "="});
    }
    out.insert(out.end(), {"-c", "filter." + d + ".required=false"});
  }
  return out;
}

fs::path git_toplevel(const fs::path& cwd) {
  ProcessResult r = run_git({"rev-parse", "--show-toplevel"}, cwd);
  if (r.status != 0) {
    throw WorkflowError(
        "not inside a git work tree (--staged, --diff-base and install-hook need one): " +
        trim_newlines(r.err));
  }
  std::string top = r.out;
  while (!top.empty() && (top.back() == '\n' || top.back() == '\r')) top.pop_back();
  if (top.empty()) throw WorkflowError("not inside a git work tree");
  std::error_code ec;
  fs::path canon = fs::weakly_canonical(top, ec);
  return ec ? fs::path(top) : canon;
}

}  // namespace obolint

// Shared helpers for tests that run the obolint binary (or git, pre-commit, ...) in temp dirs.
//
//   auto dir = obolint::test::TempDir("mytest");           // removed on destruction
//   dir.write("src/app.py", "x = 1\n");
//   auto r = obolint::test::run_obolint({"scan", "--format", "json"}, dir.path());
//   EXPECT_EQ(r.status, 1) << r.err;
//
// Everything is header-only (inline) so any test source can include it.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace obolint::test {

namespace fs = std::filesystem;

// Quotes one argument for /bin/sh.
inline std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  out += "'";
  return out;
}

inline std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void write_text(const fs::path& p, const std::string& text) {
  if (p.has_parent_path()) fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + p.string());
}

// A fresh directory under $TMPDIR (or /tmp), removed recursively when the object dies
// (set OBOLINT_KEEP_TEMP=1 to keep it for debugging).
class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "obolint-test") {
    const char* tmp = std::getenv("TMPDIR");
    fs::path base = (tmp != nullptr && *tmp != '\0') ? fs::path(tmp) : fs::path("/tmp");
    std::string templ = (base / (prefix + "-XXXXXX")).string();
    std::vector<char> buf(templ.begin(), templ.end());
    buf.push_back('\0');
    if (mkdtemp(buf.data()) == nullptr) throw std::runtime_error("mkdtemp failed: " + templ);
    // Canonical, so paths printed by tools (git, realpath) compare equal.
    path_ = fs::canonical(fs::path(buf.data()));
  }
  ~TempDir() {
    const char* keep = std::getenv("OBOLINT_KEEP_TEMP");
    if (keep != nullptr && *keep == '1') return;
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const fs::path& path() const { return path_; }
  std::string str() const { return path_.string(); }
  fs::path operator/(const fs::path& rel) const { return path_ / rel; }

  // Writes `text` to `rel` (parent directories created) and returns the full path.
  fs::path write(const fs::path& rel, const std::string& text) const {
    fs::path p = path_ / rel;
    write_text(p, text);
    return p;
  }
  std::string read(const fs::path& rel) const { return read_text(path_ / rel); }

 private:
  fs::path path_;
};

struct RunResult {
  int status = -1;  // exit status; 128+N when killed by signal N; -1 when it could not run
  std::string out;  // stdout
  std::string err;  // stderr
  std::string all() const { return out + err; }
};

// Runs a /bin/sh command line in `cwd` (empty: current directory), capturing stdout and stderr
// separately. `stdin_text`, when given, is fed on standard input.
inline RunResult run_shell(const std::string& command, const fs::path& cwd = {},
                           const std::string& stdin_text = {}) {
  TempDir io("obolint-run");
  fs::path out_file = io / "stdout";
  fs::path err_file = io / "stderr";
  fs::path in_file = io / "stdin";
  write_text(in_file, stdin_text);
  std::string full;
  if (!cwd.empty()) full += "cd " + shell_quote(cwd.string()) + " && ";
  full += "( " + command + " ) <" + shell_quote(in_file.string()) + " >" +
          shell_quote(out_file.string()) + " 2>" + shell_quote(err_file.string());
  int raw = std::system(full.c_str());
  RunResult r;
  if (raw == -1) {
    r.status = -1;
  } else if (WIFEXITED(raw)) {
    r.status = WEXITSTATUS(raw);
  } else if (WIFSIGNALED(raw)) {
    r.status = 128 + WTERMSIG(raw);
  }
  r.out = read_text(out_file);
  r.err = read_text(err_file);
  return r;
}

// Runs argv (each element quoted) in `cwd`.
inline RunResult run(const std::vector<std::string>& argv, const fs::path& cwd = {},
                     const std::string& stdin_text = {}) {
  std::string cmd;
  for (const auto& a : argv) {
    if (!cmd.empty()) cmd += ' ';
    cmd += shell_quote(a);
  }
  return run_shell(cmd, cwd, stdin_text);
}

#ifdef OBOLINT_BINARY
inline std::string obolint_binary() {
  return OBOLINT_BINARY;
}

// Runs the obolint binary under test with `args` in `cwd`.
inline RunResult run_obolint(const std::vector<std::string>& args, const fs::path& cwd = {},
                             const std::string& stdin_text = {}) {
  std::vector<std::string> argv{obolint_binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv, cwd, stdin_text);
}
#endif

// True when `program` is on PATH (for tests that skip without git or pre-commit).
inline bool have_program(const std::string& program) {
  return run_shell("command -v " + shell_quote(program) + " >/dev/null 2>&1").status == 0;
}

// Makes every git run by this test process (and by the programs it starts) ignore the user's
// and the system's git configuration: a global core.hooksPath, templates or signing settings
// must neither change results nor receive the hooks the tests install.
inline void hermetic_git() {
  setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
  setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);
}

// Initialises a git repository in `dir` with a local identity (calls hermetic_git() first).
inline RunResult git_init(const fs::path& dir) {
  hermetic_git();
  return run_shell(
      "git init -q -b main . && git config user.email test@example.com && "
      "git config user.name Test && git config commit.gpgsign false",
      dir);
}

// Runs `git <args>` in `dir`.
inline RunResult git(const fs::path& dir, const std::vector<std::string>& args) {
  std::vector<std::string> argv{"git"};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv, dir);
}

}  // namespace obolint::test

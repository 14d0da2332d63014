// Running git (and other programs) without a shell: argv in, stdout/stderr/status out.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace obolint {

// A git or process failure the user must fix (exit status 2).
class WorkflowError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ProcessResult {
  int status = -1;  // exit status; 128+N when killed by signal N
  std::string out;
  std::string err;
};

// Runs argv[0] (looked up on PATH) with `input` on standard input, in `cwd` when not empty, with
// `env` ("NAME=value") added to (or replacing in) the environment. Output of any size is read
// while input is written: no pipe deadlock. Throws WorkflowError when the program cannot start.
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& input = {},
                          const std::filesystem::path& cwd = {},
                          const std::vector<std::string>& env = {});

// The argv for `git args...` run on a repository we do not trust: configuration that would make
// a read-only git command start another program (core.fsmonitor, pagers, external diff,
// credential helpers, any network transport) is switched off on the command line, which wins
// over the repository's own .git/config.
// The child's environment: ours with `overrides` ("NAME=value") replacing same-named entries.
std::vector<std::string> child_environment(const std::vector<std::string>& overrides);

std::vector<std::string> git_argv(const std::vector<std::string>& args);

// Runs `git args...` hardened (git_argv, no terminal prompts, no optional index locks).
ProcessResult run_git(const std::vector<std::string>& args, const std::filesystem::path& cwd = {},
                      const std::string& input = {});

// Runs `git args...` hardened and returns its standard output; throws WorkflowError with git's
// message when it fails.
std::string git_output(const std::vector<std::string>& args, const std::filesystem::path& cwd = {},
                       const std::string& input = {});

// `-c filter.<driver>.<clean|smudge|process>=` for every filter driver the repository's
// configuration names: commands that read the working tree (git diff against it) would otherwise
// run them. Empty when there are none.
std::vector<std::string> git_filter_overrides(const std::filesystem::path& cwd = {});

// The work tree's top directory (`git rev-parse --show-toplevel`), canonical. Throws outside a
// repository.
std::filesystem::path git_toplevel(const std::filesystem::path& cwd = {});

}  // namespace obolint

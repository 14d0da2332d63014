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

// Runs argv[0] (looked up on PATH) with `input` on standard input, in `cwd` when not empty.
// Output of any size is read while input is written: no pipe deadlock. Throws WorkflowError when
// the program cannot be started.
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& input = {},
                          const std::filesystem::path& cwd = {});

// Runs `git args...` and returns its standard output; throws WorkflowError with git's message
// when it fails.
std::string git_output(const std::vector<std::string>& args, const std::filesystem::path& cwd = {},
                       const std::string& input = {});

// The work tree's top directory (`git rev-parse --show-toplevel`), canonical. Throws outside a
// repository.
std::filesystem::path git_toplevel(const std::filesystem::path& cwd = {});

}  // namespace obolint

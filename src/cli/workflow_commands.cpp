// `obolint install-hook`: the native git pre-commit hook (src/workflow/install_hook.h).
#include "cli/workflow_commands.h"

#include <filesystem>
#include <iostream>

#include "report/context.h"
#include "workflow/install_hook.h"

namespace obolint::cli {
namespace fs = std::filesystem;

namespace {

std::string self_executable() {
  std::error_code ec;
  fs::path p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string("obolint") : p.string();
}

}  // namespace

int run_install_hook(bool force) {
  try {
    InstallHookResult r = install_hook({.force = force, .obolint_path = self_executable()});
    std::cout << (r.updated ? "Updated " : "Installed ")
              << "obolint pre-commit hook: " << terminal_safe(r.hook.string()) << "\n";
    if (!r.backup.empty()) {
      std::cout << "Previous hook saved as " << terminal_safe(r.backup.string()) << "\n";
    }
    if (!r.chained.empty()) {
      std::cout << "Chained: " << terminal_safe(r.chained.string()) << " runs first\n";
    }
    std::cout << "Staged files are scanned on every commit; BLOCK findings refuse it "
                 "(bypass once with git commit --no-verify).\n";
    return kExitClean;
  } catch (const std::exception& e) {
    std::cerr << "obolint: error: " << terminal_safe(e.what()) << "\n";
    return kExitError;
  }
}

}  // namespace obolint::cli

#include "cli/workflow_commands.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "workflow/install_hook.h"
#include "workflow/process.h"

namespace obolint::cli {
namespace fs = std::filesystem;

namespace {

fs::path parent_dir(const std::string& file) {
  fs::path parent = fs::path(file).parent_path();
  return parent.empty() ? fs::path(".") : parent;
}

std::string self_executable() {
  std::error_code ec;
  fs::path p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string("obolint") : p.string();
}

}  // namespace

int write_baseline_file(const std::string& file, const ScanResult& result) {
  Baseline b = make_baseline(result, parent_dir(file));
  fs::path tmp = file + ".tmp";
  std::error_code ec;
  if (fs::path(file).has_parent_path()) fs::create_directories(fs::path(file).parent_path(), ec);
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    write_baseline(b, out);
    if (!out) {
      std::cerr << "obolint: error: cannot write baseline " << file << "\n";
      return kExitError;
    }
  }
  fs::rename(tmp, file, ec);
  if (ec) {
    std::cerr << "obolint: error: cannot write baseline " << file << ": " << ec.message() << "\n";
    return kExitError;
  }
  std::cerr << "obolint: wrote " << b.entries.size() << " baseline entr"
            << (b.entries.size() == 1 ? "y" : "ies") << " to " << file << " ("
            << result.stats.files_scanned << " files scanned)\n";
  return kExitClean;
}

BaselineOutcome apply_workflow_filters(const ScanArgs& args, ScanResult& result) {
  BaselineOutcome outcome;
  if (!args.baseline.empty()) {
    outcome = apply_baseline(load_baseline(args.baseline), result, parent_dir(args.baseline));
  }
  if (!args.diff_base.empty()) keep_changed_lines(result, args.diff_base);
  return outcome;
}

int run_baseline(const ScanArgs& args) {
  ScanArgs a = args;
  if (a.write_baseline.empty()) a.write_baseline = ".obolint-baseline.json";
  a.baseline.clear();
  a.diff_base.clear();
  return run_scan(a);
}

int run_install_hook(bool force) {
  try {
    InstallHookResult r = install_hook({.force = force, .obolint_path = self_executable()});
    std::cout << (r.updated ? "Updated " : "Installed ")
              << "obolint pre-commit hook: " << r.hook.string() << "\n";
    if (!r.backup.empty()) std::cout << "Previous hook saved as " << r.backup.string() << "\n";
    if (!r.chained.empty()) {
      std::cout << "Chained: " << r.chained.string() << " runs first\n";
    }
    std::cout << "Staged files are scanned on every commit; BLOCK findings refuse it "
                 "(bypass once with git commit --no-verify).\n";
    return kExitClean;
  } catch (const std::exception& e) {
    std::cerr << "obolint: error: " << e.what() << "\n";
    return kExitError;
  }
}

}  // namespace obolint::cli

// `obolint install-hook`: a native git pre-commit hook for teams without the pre-commit
// framework. The hook runs `obolint scan --staged --fail-on block` (the index content, not the
// working tree), adding `--baseline .obolint-baseline.json` when that file exists.
#pragma once

#include <filesystem>
#include <string>

namespace obolint {

// First line after the shebang: identifies a hook obolint wrote (and may overwrite).
inline constexpr const char* kHookMarker = "# obolint pre-commit hook (obolint install-hook)";

struct InstallHookOptions {
  bool force = false;        // replace a foreign hook instead of chaining it
  std::string obolint_path;  // absolute path baked into the hook (falls back to PATH)
};

struct InstallHookResult {
  std::filesystem::path hook;     // the hook written
  std::filesystem::path chained;  // the previous hook, now run first; empty when none
  std::filesystem::path backup;   // with --force: where the replaced hook was saved
  bool updated = false;           // an obolint hook was already there and has been rewritten
};

// The hook script's text.
std::string hook_script(const std::string& obolint_path);

// The hooks directory git uses for this repository: core.hooksPath when set (relative to the
// top of the work tree), otherwise `git rev-parse --git-path hooks`.
std::filesystem::path git_hooks_dir();

// Writes <hooks>/pre-commit. An obolint hook already there is rewritten. Another hook is chained:
// moved to pre-commit.local, which the obolint hook runs first (its failure refuses the commit).
// When pre-commit.local exists too, refuses (WorkflowError) unless `force`, which saves the
// foreign hook as pre-commit.obolint-backup (.1, .2, ... when earlier backups exist: none is ever
// overwritten) and keeps pre-commit.local chained. The hook is written atomically; nothing
// planted in the hooks folder (a link named like a temporary file) is followed.
InstallHookResult install_hook(const InstallHookOptions& options);

}  // namespace obolint

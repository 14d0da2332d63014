#include "workflow/install_hook.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>

#include "platform/atomic_file.h"
#include "platform/process.h"
#include "platform/read_file.h"

namespace obolint {
namespace fs = std::filesystem;

namespace {

std::string sh_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

bool exists_or_dangling(const fs::path& p) {
  std::error_code ec;
  return fs::exists(fs::symlink_status(p, ec));
}

bool is_obolint_hook(const fs::path& hook) {
  ReadFileResult r = read_regular_file(hook, 1u << 20);
  return r.content && r.content->find(kHookMarker) != std::string::npos;
}

// rename(2) that never replaces an existing `to` (RENAME_NOREPLACE).
void move_no_replace(const fs::path& from, const fs::path& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) != 0) {
    throw WorkflowError("cannot move " + from.string() + " to " + to.string() + ": " +
                        std::strerror(errno));
  }
}

// pre-commit.obolint-backup, or .1, .2, ... when earlier backups exist: none is ever replaced.
fs::path free_backup_name(const fs::path& dir) {
  fs::path p = dir / "pre-commit.obolint-backup";
  for (int n = 1; exists_or_dangling(p); ++n) {
    p = dir / ("pre-commit.obolint-backup." + std::to_string(n));
  }
  return p;
}

}  // namespace

std::string hook_script(const std::string& obolint_path) {
  std::ostringstream s;
  s << "#!/bin/sh\n"
    << kHookMarker << "\n"
    << "# Scans what is staged (the index, not the working tree). BLOCK findings refuse the\n"
    << "# commit, FLAG findings are shown. Bypass once with `git commit --no-verify`.\n"
    << "# Re-run `obolint install-hook` to update this file; docs/pre-commit.md explains it.\n"
    << "hook_dir=$(dirname \"$0\")\n"
    << "if [ -x \"$hook_dir/pre-commit.local\" ]; then\n"
    << "  \"$hook_dir/pre-commit.local\" \"$@\" || exit $?\n"
    << "fi\n"
    << "obolint=" << sh_quote(obolint_path) << "\n"
    << "if [ ! -x \"$obolint\" ]; then\n"
    << "  obolint=$(command -v obolint) || {\n"
    << "    echo \"obolint pre-commit hook: obolint not found (install it, or commit with "
       "--no-verify)\" >&2\n"
    << "    exit 1\n"
    << "  }\n"
    << "fi\n"
    << "set -- scan --staged --fail-on block\n"
    << "if [ -f .obolint-baseline.json ]; then\n"
    << "  set -- \"$@\" --baseline .obolint-baseline.json\n"
    << "fi\n"
    << "exec \"$obolint\" \"$@\"\n";
  return s.str();
}

fs::path git_hooks_dir() {
  fs::path top = git_toplevel();
  ProcessResult cfg = run_git({"config", "--path", "core.hooksPath"});
  std::string hooks_path = trim(cfg.out);
  if (cfg.status == 0 && !hooks_path.empty()) {
    fs::path p(hooks_path);
    return p.is_absolute() ? p : top / p;
  }
  fs::path p(trim(git_output({"rev-parse", "--git-path", "hooks"})));
  return p.is_absolute() ? p : fs::current_path() / p;
}

InstallHookResult install_hook(const InstallHookOptions& options) {
  InstallHookResult r;
  fs::path dir = git_hooks_dir();
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec)
    throw WorkflowError("cannot create hooks directory " + dir.string() + ": " + ec.message());
  r.hook = dir / "pre-commit";
  fs::path local = dir / "pre-commit.local";
  if (exists_or_dangling(r.hook)) {
    if (is_obolint_hook(r.hook)) {
      r.updated = true;
    } else if (!exists_or_dangling(local)) {
      move_no_replace(r.hook, local);
      r.chained = local;
    } else if (options.force) {
      r.backup = free_backup_name(dir);
      move_no_replace(r.hook, r.backup);
      r.chained = local;
    } else {
      throw WorkflowError(r.hook.string() + " exists and is not an obolint hook, and " +
                          local.string() +
                          " is taken, so it cannot be chained: merge them by hand, or pass "
                          "--force to save it as pre-commit.obolint-backup and replace it");
    }
  }
  if (r.chained.empty() && exists_or_dangling(local)) r.chained = local;
  // An obolint hook reached through a link is replaced by a file, never written through.
  if (r.updated && fs::is_symlink(fs::symlink_status(r.hook, ec))) fs::remove(r.hook, ec);
  try {
    write_file_atomically(r.hook, hook_script(options.obolint_path), 0755);
  } catch (const OutputError& e) {
    throw WorkflowError(e.what());
  }
  return r;
}

}  // namespace obolint

#include "workflow/install_hook.h"

#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "workflow/process.h"

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

bool is_obolint_hook(const fs::path& hook) {
  std::ifstream in(hook, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return text.find(kHookMarker) != std::string::npos;
}

bool exists_or_dangling(const fs::path& p) {
  std::error_code ec;
  return fs::exists(fs::symlink_status(p, ec));
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
  ProcessResult cfg = run_process({"git", "config", "--path", "core.hooksPath"});
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
      fs::rename(r.hook, local, ec);
      if (ec) throw WorkflowError("cannot move " + r.hook.string() + ": " + ec.message());
      r.chained = local;
    } else if (options.force) {
      r.backup = dir / "pre-commit.obolint-backup";
      fs::rename(r.hook, r.backup, ec);
      if (ec) throw WorkflowError("cannot move " + r.hook.string() + ": " + ec.message());
      r.chained = local;
    } else {
      throw WorkflowError(r.hook.string() + " exists and is not an obolint hook, and " +
                          local.string() +
                          " is taken, so it cannot be chained: merge them by hand, or pass "
                          "--force to save it as pre-commit.obolint-backup and replace it");
    }
  }
  if (r.chained.empty() && exists_or_dangling(local)) r.chained = local;
  fs::path tmp = dir / "pre-commit.obolint-tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << hook_script(options.obolint_path);
    if (!out) throw WorkflowError("cannot write " + tmp.string());
  }
  ::chmod(tmp.c_str(), 0755);
  fs::rename(tmp, r.hook, ec);
  if (ec) throw WorkflowError("cannot write " + r.hook.string() + ": " + ec.message());
  return r;
}

}  // namespace obolint

#include "cpp/crash_guard.h"

#include <signal.h>

#include <memory>
#include <optional>

#include <clang/Basic/Stack.h>
#include <llvm/Support/CrashRecoveryContext.h>
#include <llvm/Support/thread.h>

namespace obolint::cpp {
namespace {

constexpr unsigned kParseStack = 64u << 20;       // deep but valid code parses without help
constexpr std::size_t kSignalStack = 256u << 10;  // LLVM's handler only unwinds (longjmp)

void enable_once() {
  static const bool enabled = [] {
    llvm::CrashRecoveryContext::Enable();
    for (int sig : {SIGSEGV, SIGBUS, SIGILL, SIGFPE}) {
      struct sigaction sa {};
      if (sigaction(sig, nullptr, &sa) == 0 && sa.sa_handler != SIG_DFL &&
          sa.sa_handler != SIG_IGN) {
        sa.sa_flags |= SA_ONSTACK;
        sigaction(sig, &sa, nullptr);
      }
    }
    return true;
  }();
  (void)enabled;
}

}  // namespace

bool run_contained(llvm::function_ref<void()> fn) {
  enable_once();
  bool ok = false;
  llvm::thread worker(std::optional<unsigned>(kParseStack), [&] {
    clang::noteBottomOfStack();
    auto altstack = std::make_unique<char[]>(kSignalStack);
    stack_t ss{};
    ss.ss_sp = altstack.get();
    ss.ss_size = kSignalStack;
    stack_t previous{};
    bool installed = sigaltstack(&ss, &previous) == 0;
    llvm::CrashRecoveryContext crc;
    ok = crc.RunSafely(fn);
    if (installed) sigaltstack(&previous, nullptr);
  });
  worker.join();
  return ok;
}

}  // namespace obolint::cpp

// Running Clang on untrusted input without losing the process: a crash, including the stack
// exhaustion deeply nested code causes (`A<` x 50 000, a 100 000-term `+` chain), ends the parse of
// that file only.
#pragma once

#include <llvm/ADT/STLFunctionalExtras.h>

namespace obolint::cpp {

// Runs `fn` on a thread of its own with a large stack (whose bottom Clang is told, so that it
// grows its own stack where it can) and returns true; returns false when `fn` crashed. LLVM's
// crash recovery runs its signal handler on the faulting stack, which is useless once that stack
// is exhausted: the handlers are re-installed to run on an alternate signal stack, set up on the
// parse thread.
bool run_contained(llvm::function_ref<void()> fn);

}  // namespace obolint::cpp

// The file system Clang reads through: only regular files of bounded size. An `#include` or
// `-include` of a FIFO, a device or /dev/stdin would block or read without end; such a path looks
// like a missing file to Clang (whose include errors are suppressed), so the parse goes on.
#pragma once

#include <cstdint>

#include <llvm/ADT/IntrusiveRefCntPtr.h>
#include <llvm/Support/VirtualFileSystem.h>

namespace obolint::cpp {

llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> regular_files_only(
    llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> base, std::uint64_t max_size);

}  // namespace obolint::cpp

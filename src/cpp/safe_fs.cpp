#include "cpp/safe_fs.h"

namespace obolint::cpp {
namespace {

class RegularFilesOnly : public llvm::vfs::ProxyFileSystem {
 public:
  RegularFilesOnly(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> base, std::uint64_t max_size)
      : ProxyFileSystem(std::move(base)), max_size_(max_size) {}

  // Directories stay visible (include paths); anything else that is not a regular file is absent.
  llvm::ErrorOr<llvm::vfs::Status> status(const llvm::Twine& path) override {
    auto s = ProxyFileSystem::status(path);
    if (s && !s->isDirectory() && !acceptable(*s)) {
      return std::make_error_code(std::errc::no_such_file_or_directory);
    }
    return s;
  }

  bool exists(const llvm::Twine& path) override { return static_cast<bool>(status(path)); }

  // Checked before opening (opening a FIFO blocks), and again on the open file.
  llvm::ErrorOr<std::unique_ptr<llvm::vfs::File>> openFileForRead(
      const llvm::Twine& path) override {
    auto s = ProxyFileSystem::status(path);
    if (!s) return s.getError();
    if (!acceptable(*s)) return std::make_error_code(std::errc::no_such_file_or_directory);
    auto file = ProxyFileSystem::openFileForRead(path);
    if (!file) return file;
    auto opened = (*file)->status();
    if (!opened || !acceptable(*opened)) {
      return std::make_error_code(std::errc::no_such_file_or_directory);
    }
    return file;
  }

 private:
  bool acceptable(const llvm::vfs::Status& s) const {
    return s.isRegularFile() && s.getSize() <= max_size_;
  }

  std::uint64_t max_size_;
};

}  // namespace

llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> regular_files_only(
    llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> base, std::uint64_t max_size) {
  return llvm::makeIntrusiveRefCnt<RegularFilesOnly>(std::move(base), max_size);
}

}  // namespace obolint::cpp

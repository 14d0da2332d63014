// A scratch copy of rules/ for tests that change rule data (a team's own wrapper, a typo, a
// broken regex) without touching the source tree. Removed when it goes out of scope.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace obolint::test {

class RulesCopy {
 public:
  explicit RulesCopy(const std::string& name)
      : dir_(std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(dir_);
    std::filesystem::copy(std::filesystem::path(OBOLINT_SOURCE_DIR) / "rules", dir_,
                          std::filesystem::copy_options::recursive);
  }
  ~RulesCopy() { std::filesystem::remove_all(dir_); }
  RulesCopy(const RulesCopy&) = delete;
  RulesCopy& operator=(const RulesCopy&) = delete;

  const std::filesystem::path& dir() const { return dir_; }

  // Replaces the first `from` in rules/<file> by `to`; fails the test when `from` is absent.
  void replace(const std::string& file, const std::string& from, const std::string& to) {
    std::string text = read(file);
    auto pos = text.find(from);
    ASSERT_NE(pos, std::string::npos) << from << " not in " << file;
    text.replace(pos, from.size(), to);
    std::ofstream(dir_ / file, std::ios::trunc) << text;
  }
  void append(const std::string& file, const std::string& text) {
    std::ofstream(dir_ / file, std::ios::app) << text;
  }
  std::string read(const std::string& file) const {
    std::ifstream in(dir_ / file);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

 private:
  std::filesystem::path dir_;
};

}  // namespace obolint::test

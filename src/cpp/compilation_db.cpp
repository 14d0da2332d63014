#include "cpp/compilation_db.h"

#include <algorithm>

#include <clang/Tooling/CompilationDatabase.h>
#include <clang/Tooling/JSONCompilationDatabase.h>
#include <llvm/Support/JSON.h>
#include <llvm/Support/MemoryBuffer.h>

#include "core/json_nesting.h"
#include "cpp/text_util.h"

namespace obolint::cpp {
namespace fs = std::filesystem;
namespace {

constexpr int kMaxJsonDepth = 64;                      // a database is an array of flat objects
constexpr std::uintmax_t kMaxDatabaseSize = 1u << 30;  // 1 GiB: Chromium's is ~300 MB

// A relative "directory" in compile_commands.json is taken relative to the file itself, so a
// database checked in next to its sources works from any working directory.
std::unique_ptr<clang::tooling::CompilationDatabase> load_db(fs::path p, std::string& error) {
  std::error_code ec;
  if (fs::is_directory(p, ec)) p /= "compile_commands.json";
  // Only a regular file: a FIFO would block, a device read without end.
  if (!fs::is_regular_file(p, ec)) {
    error = "not a regular file";
    return nullptr;
  }
  if (fs::file_size(p, ec) > kMaxDatabaseSize) {
    error = "larger than 1 GiB";
    return nullptr;
  }
  auto buffer = llvm::MemoryBuffer::getFile(p.string());
  if (!buffer) {
    error = buffer.getError().message();
    return nullptr;
  }
  if (!json_nesting_within((*buffer)->getBuffer(), kMaxJsonDepth)) {
    error = "JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels";
    return nullptr;
  }
  auto json = llvm::json::parse((*buffer)->getBuffer());
  if (!json) {
    error = llvm::toString(json.takeError());
    return nullptr;
  }
  fs::path base = fs::absolute(p, ec).parent_path();
  if (auto* arr = json->getAsArray()) {
    for (auto& entry : *arr) {
      auto* obj = entry.getAsObject();
      if (!obj) continue;
      auto dir = obj->getString("directory");
      std::string d = dir ? dir->str() : std::string(".");
      if (fs::path(d).is_relative()) (*obj)["directory"] = (base / d).lexically_normal().string();
    }
  }
  std::string text;
  llvm::raw_string_ostream os(text);
  os << *json;
  os.flush();
  return clang::tooling::JSONCompilationDatabase::loadFromBuffer(
      text, error, clang::tooling::JSONCommandLineSyntax::AutoDetect);
}

}  // namespace

Databases::Databases(const CppOptions& options, std::vector<Note>& notes) {
  if (!options.compile_commands.empty()) {
    add(options.compile_commands, notes);
    return;
  }
  for (const auto& root : options.scan_roots) {
    std::error_code ec;
    fs::path base = fs::is_directory(root, ec) ? root : root.parent_path();
    for (const auto& cand :
         {base / "compile_commands.json", base / "build" / "compile_commands.json"}) {
      if (fs::is_regular_file(cand, ec)) {
        add(cand, notes);
        break;
      }
    }
  }
}

Databases::~Databases() = default;

void Databases::add(const fs::path& p, std::vector<Note>& notes) {
  std::string error;
  auto db = load_db(p, error);
  if (!db) {
    notes.push_back(
        {Note::Kind::Error, p.string(), 0, 0, "cannot load the compilation database: " + error});
    return;
  }
  dbs_.push_back(clang::tooling::inferMissingCompileCommands(std::move(db)));
}

FileCommand Databases::command_for(const fs::path& abs) const {
  FileCommand out;
  for (const auto& db : dbs_) {
    auto cmds = db->getCompileCommands(abs.string());
    if (!cmds.empty()) {
      out.args = cmds.front().CommandLine;
      out.directory = cmds.front().Directory;
      out.from_db = true;
      return out;
    }
  }
  out.args = {"clang++", "-std=c++20", "-xc++", abs.string()};
  out.directory = abs.parent_path().string();
  return out;
}

std::vector<std::string> essential_args(const std::vector<std::string>& args,
                                        const std::string& file) {
  std::vector<std::string> out{"clang++"};
  static const std::vector<std::string> with_value = {
      "-I", "-D", "-U", "-isystem", "-iquote", "-include", "-idirafter", "-x"};
  for (std::size_t i = 1; i < args.size(); ++i) {
    const auto& a = args[i];
    if (contains(with_value, a) && i + 1 < args.size()) {
      out.push_back(a);
      out.push_back(args[++i]);
      continue;
    }
    for (const auto& p : with_value) {
      if (a.size() > p.size() && a.rfind(p, 0) == 0) {
        out.push_back(a);
        break;
      }
    }
    if (a.rfind("-std=", 0) == 0) out.push_back(a);
  }
  out.push_back(file);
  return out;
}

bool is_header(const fs::path& p) {
  std::string ext = to_lower(p.extension().string());
  return ext == ".h" || ext == ".hh" || ext == ".hpp" || ext == ".hxx" || ext == ".ipp" ||
         ext == ".inl";
}

}  // namespace obolint::cpp

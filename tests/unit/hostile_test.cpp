// Hostile input for everything around the analysis (discovery, reading, reports, outputs), each
// case checked in every report format for: the exit status; no token printed whole anywhere;
// every discovered file either scanned or listed as skipped with its reason (text, JSON, SARIF);
// no file written outside the requested output; no hang (each case must finish well within the
// test timeout: a blocking read of a FIFO or an exponential match would not).
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "cli_support.h"

namespace obolint::test {
namespace {

const std::string kToken = "dapi0123456789abcdef0123456789abcdef";
const std::vector<std::string> kFormats = {"text", "json", "sarif", "github", "gitlab"};

// Every entry under `root` with its size and modification time: a write anywhere shows.
std::map<std::string, std::string> snapshot(const fs::path& root) {
  std::map<std::string, std::string> out;
  for (auto it =
           fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied);
       it != fs::recursive_directory_iterator(); ++it) {
    struct stat st {};
    if (::lstat(it->path().c_str(), &st) != 0) continue;
    out[it->path().string()] = std::to_string(st.st_size) + "@" +
                               std::to_string(st.st_mtim.tv_sec) + "." +
                               std::to_string(st.st_mtim.tv_nsec);
  }
  return out;
}

void make_socket(const fs::path& p) {
  int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", p.c_str());
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ::close(fd);
}

class Hostile : public ::testing::Test {
 protected:
  // Scans `dir` (outside any git repository) in every format and checks the promises. Returns
  // the JSON report.
  nlohmann::json scan_everywhere(const std::vector<std::string>& extra = {},
                                 const std::string& prefix = "") {
    auto before = snapshot(dir.path());
    auto before_outside = snapshot(outside.path());
    std::string bin = prefix + shell_quote(obolint_binary());
    auto run_scan = [&](const std::vector<std::string>& args) {
      std::string cmd = bin;
      for (const auto& a : args) cmd += " " + shell_quote(a);
      return run_shell(cmd, dir.path());
    };
    auto listing = run_scan({"scan", "--show-files"});
    EXPECT_EQ(listing.status, 0) << listing.all();
    std::set<std::string> discovered;
    std::istringstream in(listing.out);
    for (std::string l; std::getline(in, l);) discovered.insert(l);
    nlohmann::json report;
    for (const auto& format : kFormats) {
      SCOPED_TRACE(format);
      std::vector<std::string> args{"scan", "--format", format, "--fail-on", "never"};
      args.insert(args.end(), extra.begin(), extra.end());
      auto r = run_scan(args);
      EXPECT_EQ(r.status, 0) << r.err;
      EXPECT_EQ(r.all().find(kToken), std::string::npos) << "whole token printed:\n" << r.all();
      EXPECT_EQ(r.out.find('\033'), std::string::npos) << "raw escape character in the output";
      if (format == "json") report = nlohmann::json::parse(r.out);
      if (format == "text") text = r.out;
      if (format == "sarif") sarif = nlohmann::json::parse(r.out);
    }
    // Every discovered file was scanned or is listed as skipped, with its reason, everywhere.
    std::set<std::string> skipped;
    for (const auto& n : report["notes"]) {
      if (n["kind"] == "skipped" && discovered.count(n["path"].get<std::string>())) {
        skipped.insert(n["path"].get<std::string>());
        EXPECT_FALSE(n["message"].get<std::string>().empty());
      }
    }
    const auto& summary = report["summary"];
    EXPECT_EQ(
        summary["files_scanned"].get<std::size_t>() + summary["files_skipped"].get<std::size_t>(),
        discovered.size())
        << report.dump(1);
    EXPECT_GE(skipped.size(), summary["files_skipped"].get<std::size_t>()) << report.dump(1);
    std::set<std::string> notified;
    for (const auto& n : sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]) {
      notified.insert(n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]);
    }
    for (const auto& s : skipped) {
      EXPECT_TRUE(notified.count(uri_of(s))) << s << " missing from SARIF notifications";
      EXPECT_NE(text.find(s + ": note: "), std::string::npos) << s << " missing from text";
    }
    // Nothing was written: not in the scanned tree, not next to it.
    EXPECT_EQ(snapshot(dir.path()), before);
    EXPECT_EQ(snapshot(outside.path()), before_outside);
    return report;
  }

  static std::string uri_of(const std::string& path) {
    std::string out;
    for (unsigned char c : path) {
      if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
        out.push_back(static_cast<char>(c));
      } else {
        char buf[4];
        std::snprintf(buf, sizeof buf, "%%%02X", c);
        out += buf;
      }
    }
    return out;
  }

  static std::string note_for(const nlohmann::json& report, const std::string& path) {
    for (const auto& n : report["notes"]) {
      if (n["path"] == path) return n["message"];
    }
    return {};
  }

  TempDir dir{"obolint-hostile"};
  TempDir outside{"obolint-hostile-outside"};
  std::string text;
  nlohmann::json sarif;
};

TEST_F(Hostile, SpecialFilesAreSkippedWithTheirReason) {
  dir.write("ok.py", "T = \"" + kToken + "\"\n");
  ASSERT_EQ(::mkfifo((dir / "fifo.py").c_str(), 0644), 0);
  make_socket(dir / "sock.py");
  fs::create_symlink("/dev/zero", dir / "zero.env");
  fs::create_symlink("missing.py", dir / "dangling.py");
  fs::create_symlink("loop.py", dir / "loop.py");
  fs::create_symlink(outside.path(), dir / "linked-dir");
  auto report = scan_everywhere();
  EXPECT_NE(note_for(report, "fifo.py").find("FIFO"), std::string::npos);
  EXPECT_NE(note_for(report, "sock.py").find("socket"), std::string::npos);
  EXPECT_NE(note_for(report, "zero.env").find("character device"), std::string::npos);
  EXPECT_NE(note_for(report, "dangling.py").find("dangling"), std::string::npos);
  EXPECT_NE(note_for(report, "loop.py").find("loop"), std::string::npos);
  EXPECT_NE(note_for(report, "linked-dir").find("not followed"), std::string::npos);
  EXPECT_EQ(report["summary"]["files_scanned"], 1);
  EXPECT_EQ(report["findings"].size(), 1u);
  // The notifications are valid SARIF for code scanning.
  fs::path validator = fs::path(OBOLINT_SHARED_DIR) / "sarif/validate-sarif";
  if (fs::exists(validator)) {
    write_text(outside / "notes.sarif", sarif.dump());
    auto v = run({validator.string(), "--strict", (outside / "notes.sarif").string()});
    EXPECT_EQ(v.status, 0) << v.all();
  }
}

TEST_F(Hostile, GitignoreThatIsAFifoOrEndlessNeitherBlocksNorFillsMemory) {
  dir.write("a.py", "x = 1\n");
  ASSERT_EQ(::mkfifo((dir / ".gitignore").c_str(), 0644), 0);
  dir.write("sub/b.py", "x = 1\n");
  fs::create_symlink("/dev/zero", dir / "sub/.gitignore");
  auto report = scan_everywhere();
  EXPECT_NE(note_for(report, ".gitignore").find("patterns are not used"), std::string::npos)
      << report.dump(1);
  EXPECT_NE(note_for(report, "sub/.gitignore").find("not a regular file"), std::string::npos);
}

TEST_F(Hostile, ExponentialGlobsInGitignoreAndExclude) {
  std::string name(240, 'a');  // NAME_MAX is 255
  dir.write(name + ".py", "x = 1\n");
  dir.write(".gitignore", "*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b\n");
  auto report = scan_everywhere({"--exclude", "**a**a**a**a**a**a**a**a**a**a**a**b"});
  EXPECT_EQ(report["summary"]["files_scanned"], 2);
}

TEST_F(Hostile, UnreadableDirectoriesAndFilesAreListed) {
  dir.write("ok.py", "x = 1\n");
  dir.write("locked/inner.py", "T = \"" + kToken + "\"\n");
  dir.write("secret.py", "x = 1\n");
  ::chmod((dir / "locked").c_str(), 0);
  ::chmod((dir / "secret.py").c_str(), 0);
  std::string prefix;
  if (::geteuid() == 0) {
    // Root reads everything: run as nobody to see the denials (skipped where impossible).
    if (!have_program("setpriv")) GTEST_SKIP() << "running as root without setpriv";
    ::chmod(dir.path().c_str(), 0755);
    ::chmod(outside.path().c_str(), 0755);
    prefix = "setpriv --reuid=nobody --regid=nogroup --clear-groups ";
  }
  auto report = scan_everywhere({}, prefix);
  bool dir_noted = false;
  for (const auto& n : report["notes"]) {
    if (n["path"] == "locked" && n["kind"] == "error") dir_noted = true;
  }
  EXPECT_TRUE(dir_noted) << report.dump(1);
  EXPECT_NE(note_for(report, "secret.py").find("Permission denied"), std::string::npos)
      << report.dump(1);
  ::chmod((dir / "locked").c_str(), 0755);
}

TEST_F(Hostile, LoneCarriageReturnsAndUtf16AreScannedWithRightLines) {
  dir.write("mac.py", "import os\rx = 1\rT = \"" + kToken + "\"\r");
  std::string u16("\xff\xfe", 2);
  for (char c : "# comment\nT = \"" + kToken + "\"\n") {
    u16 += c;
    u16 += '\0';
  }
  dir.write("windows.py", u16);
  auto report = scan_everywhere();
  std::map<std::string, int> lines;
  for (const auto& f : report["findings"]) lines[f["path"]] = f["line"];
  EXPECT_EQ(lines["mac.py"], 3) << report.dump(1);
  EXPECT_EQ(lines["windows.py"], 2) << report.dump(1);
}

TEST_F(Hostile, FileNamesWithTokensControlCharactersAndInvalidUtf8) {
  dir.write(kToken + ".py", "x = 1\n");
  dir.write("esc\033[31mred\a.py", "T = \"" + kToken + "\"\n");
  dir.write(std::string("latin\xe9.py"), "T = \"dapi" + std::string(32, 'e') + "\"\n");
  dir.write("new\nline.py", "T = \"dapi" + std::string(32, 'f') + "\"\n");
  auto report = scan_everywhere();
  EXPECT_EQ(report["summary"]["files_scanned"], 4);
  EXPECT_NE(text.find("esc\\x1b[31mred\\x07.py"), std::string::npos) << text;
  EXPECT_NE(text.find("new\\x0aline.py"), std::string::npos) << text;
  // A baseline of such names is written and read back.
  auto b = run_obolint({"baseline", "-o", (outside / "b.json").string()}, dir.path());
  EXPECT_EQ(b.status, 0) << b.all();
  EXPECT_EQ(read_text(outside / "b.json").find(kToken), std::string::npos);
  auto r = run_obolint({"scan", "--format", "json", "--baseline", (outside / "b.json").string()},
                       dir.path());
  EXPECT_EQ(r.status, 0) << r.all();
  EXPECT_EQ(nlohmann::json::parse(r.out)["summary"]["baseline_hidden"], 3) << r.out;
}

TEST_F(Hostile, HugeLinesAndManyFindingsStayBounded) {
  std::string line;
  for (int i = 0; i < 10000; ++i) line += "K" + std::to_string(i) + "=\"" + kToken + "\";";
  dir.write("minified.js", line + "\n");
  std::string many;
  for (int i = 0; i < 10000; ++i) many += "K=" + kToken + "\n";
  dir.write("many.env", many);
  auto report = scan_everywhere();
  ASSERT_EQ(report["findings"].size(), 20000u);
  std::size_t longest = 0;
  for (const auto& f : report["findings"]) {
    longest = std::max(longest, f["snippet"].get<std::string>().size());
  }
  EXPECT_LT(longest, 1000u) << "snippets are windows of a long line";
}

TEST_F(Hostile, TokensInCommentsConfigurationAndNotebookMetadataAreRedacted) {
  dir.write("app.py", "x = 1  # obolint: ignore[OBO003] was " + kToken +
                          "\n"
                          "T = \"" +
                          kToken + "\"  # obolint: ignore[OBO003] revoked " + kToken + "\n");
  dir.write("nb.ipynb", "{\"metadata\": {\"kernelspec\": {\"language\": \"" + kToken +
                            "\"}}, \"nbformat\": 4, \"cells\": []}\n");
  scan_everywhere({"--report-unused-suppressions", "--sarif-keep-suppressed"});
  std::string kept = sarif.dump();
  EXPECT_NE(kept.find("revoked dapi****cdef"), std::string::npos) << kept;
  // A configuration error that quotes the file's key.
  dir.write(".obolint.toml", kToken + " = 1\n");
  auto r = run_obolint({"scan"}, dir.path());
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.all().find(kToken), std::string::npos) << r.all();
  EXPECT_NE(r.err.find("dapi****cdef"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace obolint::test

// Configuration, rule and suppression parsing. The input's first line says what the rest is:
//   config | pyproject                 .obolint.toml / pyproject.toml ([tool.obolint])
//   rule:<folder>                      rules/<folder>/rule.toml (one rule beside the real
//                                      language files)
//   lang:<name>                        rules/languages/<name>.toml (beside one real rule)
//   suppress:<file name>               a source file whose suppression directives are read
// Files go to a private temporary folder (the loaders read files); errors must be the loaders'
// own exceptions, never a crash.
#include <unistd.h>
#include <algorithm>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "engine/config.h"
#include "engine/suppress.h"
#include "fuzz_support.h"

using namespace obolint;
namespace fs = std::filesystem;

namespace {

const fs::path& scratch() {
  static const fs::path dir = [] {
    std::string tmpl = (fs::temp_directory_path() / "obolint-fuzz-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) std::abort();
    return fs::path(tmpl);
  }();
  return dir;
}

void write(const fs::path& file, std::string_view text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary | std::ios::trunc).write(text.data(), text.size());
}

void fresh(const fs::path& dir) {
  std::error_code ec;
  fs::remove_all(dir, ec);
  fs::create_directories(dir);
}

void parse_config(const std::string& name, std::string_view text) {
  fs::path dir = scratch() / "config";
  fresh(dir);
  write(dir / name, text);
  try {
    Config config = load_config(dir / name, fuzz::rules());
    ScanOptions options;
    apply_config(config, options);
    (void)describe_config(config);
  } catch (const ConfigError&) {
  }
}

// A rule directory: `rule` (a folder name) with `rule_text`, and the language files, `lang`
// replaced by `lang_text`.
void parse_rules(const std::string& rule, std::string_view rule_text, const std::string& lang,
                 std::string_view lang_text) {
  fs::path src = fs::path(OBOLINT_SOURCE_DIR) / "rules";
  fs::path dir = scratch() / "rules";
  fresh(dir);
  if (rule_text.empty()) {
    fs::create_directory_symlink(src / rule, dir / rule);
  } else {
    write(dir / rule / "rule.toml", rule_text);
  }
  for (const char* name : {"common", "python", "cpp"}) {
    fs::path file = dir / "languages" / (std::string(name) + ".toml");
    if (lang == name) {
      write(file, lang_text);
    } else {
      fs::create_directories(file.parent_path());
      fs::create_symlink(src / "languages" / (std::string(name) + ".toml"), file);
    }
  }
  try {
    RuleSet set = RuleSet::load(dir);
    SecretScanner scanner(set);
    (void)scanner.find("token = dapi0000 Bearer x");
  } catch (const RuleError&) {
  }
}

void parse_suppressions(const std::string& name, std::string_view text) {
  std::vector<Note> notes;
  auto file = make_source(name, std::string(text), notes);
  if (!file) return;
  for (const auto& s : collect_suppressions(*file)) {
    if (s.span.line < 1 || s.span.line > file->line_count() + 1) std::abort();
  }
  (void)python_comments(text);
  (void)cpp_comments(text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input = fuzz::as_text(data, size);
  auto newline = input.find('\n');
  if (newline == std::string_view::npos) return 0;
  std::string kind(input.substr(0, newline));
  std::string_view text = input.substr(newline + 1);
  auto arg = [&](std::string_view prefix) -> std::string {
    if (!kind.starts_with(prefix)) return {};
    std::string a = kind.substr(prefix.size());
    // A name the harness can create as a folder: no NUL or other control character (the
    // filesystem refuses them: the harness's own error, not obolint's).
    bool printable = std::none_of(a.begin(), a.end(),
                                  [](char c) { return static_cast<unsigned char>(c) < 0x20; });
    bool plain = !a.empty() && printable && a.find('/') == std::string::npos && a[0] != '.' &&
                 a.size() < 100;
    return plain ? a : std::string();
  };
  if (kind == "config") {
    parse_config(".obolint.toml", text);
  } else if (kind == "pyproject") {
    parse_config("pyproject.toml", text);
  } else if (auto rule = arg("rule:"); !rule.empty()) {
    parse_rules(rule, text, "", {});
  } else if (auto lang = arg("lang:"); !lang.empty()) {
    parse_rules("OBO003-hardcoded-token", {}, lang, text);
  } else if (auto name = arg("suppress:"); !name.empty()) {
    parse_suppressions(name, text);
  }
  return 0;
}

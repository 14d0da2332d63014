#include "core/rules.h"

#include <unistd.h>
#include <algorithm>
#include <cstdlib>
#include <regex>
#include <sstream>

namespace obolint {
namespace fs = std::filesystem;

std::optional<Severity> parse_severity(std::string_view text) {
  std::string up;
  for (char c : text) up.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  if (up == "FLAG") return Severity::Flag;
  if (up == "BLOCK") return Severity::Block;
  return std::nullopt;
}

namespace {

std::string required_string(const toml::table& t, const char* key, const fs::path& file) {
  auto v = t[key].value<std::string>();
  if (!v || v->empty()) {
    throw RuleError(file.string() + ": missing required string field '" + key + "'");
  }
  return *v;
}

RuleDef parse_rule_file(const fs::path& file) {
  toml::table table;
  try {
    table = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    std::ostringstream msg;
    msg << file.string() << ":" << e.source().begin.line << ":" << e.source().begin.column
        << ": invalid TOML: " << e.description();
    throw RuleError(msg.str());
  }
  RuleDef r;
  r.source = file;
  r.id = required_string(table, "id", file);
  if (!std::regex_match(r.id, std::regex("[A-Z]{2,8}[0-9]{3,4}"))) {
    throw RuleError(file.string() + ": id '" + r.id + "' is not of the form OBO001");
  }
  r.name = required_string(table, "name", file);
  if (!std::regex_match(r.name, std::regex("[a-z0-9]+(-[a-z0-9]+)*"))) {
    throw RuleError(file.string() + ": name '" + r.name + "' is not kebab-case");
  }
  auto sev = parse_severity(required_string(table, "severity", file));
  if (!sev) throw RuleError(file.string() + ": severity must be FLAG or BLOCK");
  r.severity = *sev;
  r.summary = required_string(table, "summary", file);
  r.description = required_string(table, "description", file);
  r.message = required_string(table, "message", file);
  r.tags = string_array(table["tags"]);
  r.security_severity = string_or(table["security_severity"], "5.0");
  char* end = nullptr;
  double ss = std::strtod(r.security_severity.c_str(), &end);
  if (end == r.security_severity.c_str() || *end != '\0' || ss <= 0.0 || ss > 10.0) {
    throw RuleError(file.string() + ": security_severity must be a number in (0, 10]");
  }
  r.data = std::move(table);
  return r;
}

fs::path exe_dir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe.parent_path();
}

fs::path first_existing(const std::vector<fs::path>& candidates) {
  for (const auto& c : candidates) {
    std::error_code ec;
    if (!c.empty() && fs::is_directory(c, ec)) return c;
  }
  return candidates.empty() ? fs::path() : candidates.back();
}

}  // namespace

RuleSet RuleSet::load(const fs::path& dir) {
  RuleSet set;
  set.dir_ = dir;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    throw RuleError(dir.string() +
                    ": rule directory not found (set OBOLINT_RULES_DIR or pass --rules-dir)");
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".toml") files.push_back(entry.path());
  }
  if (ec) throw RuleError(dir.string() + ": cannot list rule directory: " + ec.message());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    RuleDef r = parse_rule_file(f);
    if (set.find(r.id)) {
      throw RuleError(f.string() + ": duplicate rule id " + r.id);
    }
    set.rules_.push_back(std::move(r));
  }
  if (set.rules_.empty()) throw RuleError(dir.string() + ": no rule files (*.toml)");
  std::sort(set.rules_.begin(), set.rules_.end(),
            [](const RuleDef& a, const RuleDef& b) { return a.id < b.id; });
  return set;
}

const RuleDef* RuleSet::find(std::string_view id) const {
  for (const auto& r : rules_) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

int RuleSet::index_of(std::string_view id) const {
  for (std::size_t i = 0; i < rules_.size(); ++i) {
    if (rules_[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

fs::path default_rules_dir() {
  if (const char* env = std::getenv("OBOLINT_RULES_DIR"); env && *env) return env;
  fs::path exe = exe_dir();
  return first_existing({exe / "../share/obolint/rules",
                         fs::path(OBOLINT_INSTALL_DATADIR) / "rules",
                         fs::path(OBOLINT_SOURCE_DIR) / "rules"});
}

fs::path default_docs_dir() {
  if (const char* env = std::getenv("OBOLINT_DOCS_DIR"); env && *env) return env;
  fs::path exe = exe_dir();
  return first_existing({exe / "../share/obolint/docs/rules",
                         fs::path(OBOLINT_INSTALL_DATADIR) / "docs/rules",
                         fs::path(OBOLINT_SOURCE_DIR) / "docs/rules"});
}

}  // namespace obolint

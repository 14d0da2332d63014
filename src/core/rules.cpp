#include "core/rules.h"

#include <algorithm>
#include <cstdlib>
#include <mutex>
#include <sstream>

#include "core/rule_schema.h"
#include "core/toml_limits.h"

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

std::mutex& validators_mutex() {
  static std::mutex m;
  return m;
}
RuleValidators& validators() {
  static RuleValidators v;
  return v;
}
RuleValidators current_validators() {
  std::lock_guard lock(validators_mutex());
  return validators();
}

bool is_id(std::string_view s) {
  std::size_t letters = 0, digits = 0;
  while (letters < s.size() && s[letters] >= 'A' && s[letters] <= 'Z') ++letters;
  while (letters + digits < s.size() && s[letters + digits] >= '0' && s[letters + digits] <= '9') {
    ++digits;
  }
  return letters >= 2 && letters <= 8 && digits >= 3 && digits <= 4 && letters + digits == s.size();
}

bool is_kebab(std::string_view s) {
  if (s.empty() || s.front() == '-' || s.back() == '-') return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && s[i - 1] != '-');
    if (!ok) return false;
  }
  return true;
}

toml::table parse_toml(const fs::path& file) {
  try {
    return parse_toml_file(file);
  } catch (const toml::parse_error& e) {
    std::ostringstream msg;
    msg << file.string() << ":" << e.source().begin.line << ":" << e.source().begin.column
        << ": invalid TOML: " << e.description();
    throw RuleError(msg.str());
  }
}

// Checks `doc` against the schema and compiles its regexes and matchers into `regexes`.
void check_file(const toml::table& doc, const schema::Table& spec, const fs::path& file,
                std::map<std::string, std::unique_ptr<Regex>, std::less<>>& regexes) {
  std::vector<schema::Pattern> patterns;
  if (auto err = schema::check(doc, spec, file.string(), patterns)) throw RuleError(*err);
  auto check_matcher = current_validators().matcher;
  for (const auto& p : patterns) {
    if (p.type == schema::Type::Matcher) {
      if (!check_matcher) continue;
      if (auto err = check_matcher(p.text)) {
        throw RuleError(p.where + ": invalid AST matcher: " + *err);
      }
      continue;
    }
    if (regexes.count(p.text)) continue;
    try {
      regexes.emplace(p.text, std::make_unique<Regex>(p.text));
    } catch (const RegexError& e) {
      throw RuleError(p.where + ": " + e.what());
    }
  }
}

RuleDef read_rule(const fs::path& folder,
                  std::map<std::string, std::unique_ptr<Regex>, std::less<>>& regexes) {
  fs::path file = folder / "rule.toml";
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) {
    throw RuleError(folder.string() + ": a rule folder needs a rule.toml");
  }
  toml::table table = parse_toml(file);
  check_file(table, schema::rule_file(), file, regexes);
  RuleDef r;
  r.source = file;
  r.folder = folder;
  r.id = *table["id"].value<std::string>();
  r.name = *table["name"].value<std::string>();
  auto where = [&](const char* key) {
    const auto* n = table.get(key);
    return file.string() + ":" + std::to_string(n ? n->source().begin.line : 1) + ": ";
  };
  if (!is_id(r.id)) throw RuleError(where("id") + "id '" + r.id + "' is not of the form OBO001");
  if (!is_kebab(r.name)) throw RuleError(where("name") + "name '" + r.name + "' is not kebab-case");
  if (folder.filename() != r.id + "-" + r.name) {
    throw RuleError(where("id") + "the folder of rule " + r.id + " must be named " + r.id + "-" +
                    r.name);
  }
  r.severity = *parse_severity(*table["severity"].value<std::string>());
  r.summary = *table["summary"].value<std::string>();
  r.description = *table["description"].value<std::string>();
  r.message = *table["message"].value<std::string>();
  r.tags = string_array(table["tags"]);
  r.check = string_or(table["check"]);
  if (auto exists = current_validators().check_exists;
      exists && !r.check.empty() && !exists(r.check)) {
    throw RuleError(where("check") + "unknown check '" + r.check + "' (src/checks/registry.cpp)");
  }
  r.security_severity = string_or(table["security_severity"], "5.0");
  char* end = nullptr;
  double ss = std::strtod(r.security_severity.c_str(), &end);
  if (end == r.security_severity.c_str() || *end != '\0' || ss <= 0.0 || ss > 10.0) {
    throw RuleError(where("security_severity") + "security_severity must be a number in (0, 10]");
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

void set_rule_validators(RuleValidators v) {
  std::lock_guard lock(validators_mutex());
  validators() = std::move(v);
}

RuleSet RuleSet::load(const fs::path& dir) {
  RuleSet set;
  set.dir_ = dir;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    throw RuleError(dir.string() +
                    ": rule directory not found (set OBOLINT_RULES_DIR or pass --rules-dir)");
  }
  std::vector<fs::path> folders;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    if (entry.is_directory(ec) && name != "languages" && name.front() != '.') {
      folders.push_back(entry.path());
    }
  }
  if (ec) throw RuleError(dir.string() + ": cannot list rule directory: " + ec.message());
  std::sort(folders.begin(), folders.end());
  for (const auto& folder : folders) {
    RuleDef r = read_rule(folder, set.regexes_);
    if (set.find(r.id)) throw RuleError(r.source.string() + ": duplicate rule id " + r.id);
    set.rules_.push_back(std::move(r));
  }
  if (set.rules_.empty())
    throw RuleError(dir.string() + ": no rule folders (<ID>-<name>/rule.toml)");
  for (auto lang : schema::languages()) {
    fs::path file = dir / "languages" / (std::string(lang) + ".toml");
    if (!fs::is_regular_file(file, ec)) {
      throw RuleError(file.string() + ": language file missing");
    }
    toml::table doc = parse_toml(file);
    check_file(doc, schema::language_file(lang), file, set.regexes_);
    set.languages_.emplace(std::string(lang), std::move(doc));
  }
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

const toml::table& RuleSet::language(std::string_view name) const {
  static const toml::table kEmpty;
  auto it = languages_.find(name);
  return it == languages_.end() ? kEmpty : it->second;
}

toml::table& RuleSet::language_mutable(std::string_view name) {
  return languages_[std::string(name)];
}

const Regex& RuleSet::regex(std::string_view pattern) const {
  auto it = regexes_.find(pattern);
  if (it == regexes_.end()) {
    throw std::logic_error("regex not declared in the rule data: " + std::string(pattern));
  }
  return *it->second;
}

fs::path default_rules_dir() {
  if (const char* env = std::getenv("OBOLINT_RULES_DIR"); env && *env) return env;
  fs::path exe = exe_dir();
  return first_existing({exe / "../share/obolint/rules",
                         fs::path(OBOLINT_INSTALL_DATADIR) / "rules",
                         fs::path(OBOLINT_SOURCE_DIR) / "rules"});
}

}  // namespace obolint

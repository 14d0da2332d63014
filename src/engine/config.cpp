#include "engine/config.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "core/toml_limits.h"

namespace obolint {
namespace fs = std::filesystem;
namespace {

// OBO004's [token_flow] of rules/languages/python.toml arrays (read by
// src/python/flow_patterns.cpp), and friendly aliases.
const std::set<std::string, std::less<>> kObo004Keys = {"header_maps",
                                                        "environ_maps",
                                                        "attribute_getters",
                                                        "header_parameters",
                                                        "source_functions",
                                                        "checked_source_functions",
                                                        "exits",
                                                        "check_calls",
                                                        "not_uses",
                                                        "derive_calls",
                                                        "derive_methods",
                                                        "headers"};
const std::map<std::string, std::string, std::less<>> kObo004Aliases = {
    {"sources", "source_functions"}, {"checks", "check_calls"}};

const std::set<std::string, std::less<>> kTopKeys = {"select",
                                                     "ignore",
                                                     "exclude",
                                                     "include",
                                                     "fail-on",
                                                     "severity",
                                                     "report-unused-suppressions",
                                                     "per-path-ignores",
                                                     "obo004"};

struct Loader {
  fs::path file;
  std::string table_name;  // "[tool.obolint]" or "(top level)"
  const RuleSet& rules;

  std::string where(const toml::source_region& r) const {
    return file.string() + ":" + std::to_string(r.begin.line) + ":" +
           std::to_string(r.begin.column);
  }
  std::string origin(const toml::source_region& r) const {
    return file.string() + ":" + std::to_string(r.begin.line);
  }
  void fail(const toml::source_region& r, const std::string& what) const {
    throw ConfigError(where(r) + ": " + what);
  }

  std::vector<std::string> strings(const toml::node& n, const std::string& key) const {
    const auto* arr = n.as_array();
    if (!arr) fail(n.source(), "'" + key + "' must be an array of strings");
    std::vector<std::string> out;
    for (const auto& el : *arr) {
      auto s = el.value<std::string>();
      if (!s || !el.is_string()) fail(el.source(), "'" + key + "' must be an array of strings");
      out.push_back(*s);
    }
    return out;
  }

  void check_rule_ids(const toml::node& n, const std::vector<std::string>& ids,
                      const std::string& key, bool prefixes) const {
    const auto* arr = n.as_array();
    for (std::size_t i = 0; i < ids.size(); ++i) {
      const std::string& id = ids[i];
      bool known = (prefixes && id == "ALL") || rules.find(id);
      if (prefixes && !known) {
        for (const auto& r : rules.all()) known = known || (!id.empty() && r.id.rfind(id, 0) == 0);
      }
      if (!known) {
        const toml::node* at = arr && i < arr->size() ? arr->get(i) : &n;
        fail(at->source(), "unknown rule '" + id + "' in '" + key + "' (see `obolint rules`)");
      }
    }
  }

  void unknown_top_key(const toml::key& k) const {
    std::string msg = "unknown key '";
    msg += k.str();
    msg += "' in ";
    msg += table_name;
    msg += " (known: select, ignore, exclude, include, fail-on, report-unused-suppressions, ";
    msg += "severity, per-path-ignores, obo004)";
    fail(k.source(), msg);
  }

  void load_severity(const toml::node& v, Config& c) const {
    const auto* st = v.as_table();
    if (!st) fail(v.source(), "'severity' must be a table of rule id = \"FLAG\" | \"BLOCK\"");
    for (auto&& [rk, rv] : *st) {
      std::string id(rk.str());
      if (!rules.find(id)) fail(rk.source(), "unknown rule '" + id + "' in [severity]");
      std::optional<Severity> sev;
      if (auto s = rv.value<std::string>(); s && rv.is_string()) sev = parse_severity(*s);
      if (!sev) fail(rv.source(), "severity of " + id + " must be \"FLAG\" or \"BLOCK\"");
      c.severity[id] = {*sev, origin(rv.source())};
    }
  }

  void load_per_path(const toml::node& v, Config& c) const {
    const auto* pt = v.as_table();
    if (!pt) fail(v.source(), "'per-path-ignores' must be a table of \"glob\" = [rule ids]");
    for (auto&& [gk, gv] : *pt) {
      std::string glob(gk.str());
      if (glob.empty()) fail(gk.source(), "empty glob in [per-path-ignores]");
      auto ids = strings(gv, "per-path-ignores");
      check_rule_ids(gv, ids, "per-path-ignores", true);
      c.per_path_ignores.push_back({glob, ids, origin(gv.source())});
    }
  }

  void unknown_obo004_key(const toml::key& k) const {
    std::string known;
    for (const auto& a : kObo004Aliases) known += a.first + ", ";
    for (const auto& kk : kObo004Keys) known += kk + ", ";
    known.resize(known.size() - 2);
    std::string msg = "unknown key '";
    msg += k.str();
    msg += "' in ";
    msg += table_name == "[tool.obolint]" ? "[tool.obolint.obo004]" : "[obo004]";
    msg += " (known: " + known + ")";
    fail(k.source(), msg);
  }

  void load_obo004(const toml::node& v, Config& c) const {
    const auto* ot = v.as_table();
    if (!ot) fail(v.source(), "'obo004' must be a table of arrays");
    for (auto&& [ok, ov] : *ot) {
      std::string name(ok.str());
      if (auto a = kObo004Aliases.find(name); a != kObo004Aliases.end()) name = a->second;
      if (!kObo004Keys.count(name)) unknown_obo004_key(ok);
      auto vals = strings(ov, "obo004");
      auto& slot = c.obo004[name];
      slot.value.insert(slot.value.end(), vals.begin(), vals.end());
      slot.origin = origin(ov.source());
    }
  }

  void load_fail_on(const toml::node& v, Config& c) const {
    std::string s = v.value_or(std::string());
    if (!v.is_string() || (s != "block" && s != "flag" && s != "never")) {
      fail(v.source(), "'fail-on' must be \"block\", \"flag\" or \"never\"");
    }
    c.fail_on = {s, origin(v.source())};
  }

  void load_key(const toml::key& k, const toml::node& v, Config& c) const {
    std::string key(k.str());
    if (!kTopKeys.count(key)) {
      unknown_top_key(k);
    } else if (key == "select" || key == "ignore") {
      std::vector<std::string> ids = strings(v, key);
      check_rule_ids(v, ids, key, true);
      Setting<std::vector<std::string>>& slot = key == "select" ? c.select : c.ignore;
      slot.value = ids;
      slot.origin = origin(v.source());
    } else if (key == "exclude" || key == "include") {
      Setting<std::vector<std::string>>& slot = key == "exclude" ? c.exclude : c.include;
      slot.value = strings(v, key);
      slot.origin = origin(v.source());
    } else if (key == "fail-on") {
      load_fail_on(v, c);
    } else if (key == "report-unused-suppressions") {
      if (!v.is_boolean()) fail(v.source(), "'report-unused-suppressions' must be true or false");
      c.report_unused_suppressions.value = v.value_or(false);
      c.report_unused_suppressions.origin = origin(v.source());
    } else if (key == "severity") {
      load_severity(v, c);
    } else if (key == "per-path-ignores") {
      load_per_path(v, c);
    } else if (key == "obo004") {
      load_obo004(v, c);
    }
  }

  Config load(const toml::table& t) const {
    Config c;
    c.file = file;
    c.base = fs::absolute(file).parent_path();
    for (auto&& [key, value] : t) load_key(key, value, c);
    return c;
  }
};

bool has_tool_obolint(const fs::path& pyproject) {
  try {
    toml::table t = parse_toml_file(pyproject);
    return t["tool"]["obolint"].is_table();
  } catch (const toml::parse_error&) {
    // A broken pyproject.toml that mentions obolint is ours to report; else not our business.
    std::ifstream in(pyproject);
    std::string line;
    while (std::getline(in, line)) {
      if (line.find("tool.obolint") != std::string::npos) return true;
    }
    return false;
  }
}

toml::table* table_at(toml::table& t, std::string_view key) {
  if (auto* x = t[key].as_table()) return x;
  t.insert_or_assign(key, toml::table{});
  return t[key].as_table();
}

toml::array* array_at(toml::table& t, std::string_view key) {
  if (auto* x = t[key].as_array()) return x;
  t.insert_or_assign(key, toml::array{});
  return t[key].as_array();
}

std::string quoted_list(const std::vector<std::string>& v) {
  std::string s = "[";
  for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", \"" : "\"") + v[i] + "\"";
  return s + "]";
}

}  // namespace

std::optional<fs::path> find_config(const fs::path& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec).lexically_normal();
  if (!fs::is_directory(dir, ec)) dir = dir.parent_path();
  while (!dir.empty()) {
    if (fs::is_regular_file(dir / ".obolint.toml", ec)) return dir / ".obolint.toml";
    fs::path py = dir / "pyproject.toml";
    if (fs::is_regular_file(py, ec) && has_tool_obolint(py)) return py;
    if (fs::exists(dir / ".git", ec)) break;  // the repository root
    fs::path parent = dir.parent_path();
    if (parent == dir) break;
    dir = parent;
  }
  return std::nullopt;
}

Config load_config(const fs::path& file, const RuleSet& rules) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) {
    throw ConfigError(file.string() + ": configuration file not found");
  }
  toml::table doc;
  try {
    doc = parse_toml_file(file);
  } catch (const toml::parse_error& e) {
    std::ostringstream msg;
    msg << file.string() << ":" << e.source().begin.line << ":" << e.source().begin.column
        << ": invalid TOML: " << e.description();
    throw ConfigError(msg.str());
  }
  bool pyproject = file.filename() == "pyproject.toml";
  Loader loader{file, pyproject ? "[tool.obolint]" : "the top level", rules};
  Config c;
  if (pyproject) {
    auto node = doc["tool"]["obolint"];
    if (node && !node.is_table())
      loader.fail(node.node()->source(), "[tool.obolint] must be a table");
    c = node ? loader.load(*node.as_table()) : loader.load(toml::table{});
  } else {
    c = loader.load(doc);
  }
  c.pyproject = pyproject;
  return c;
}

void merge_rule_data(RuleSet& rules, const Config& config) {
  // Extra token sources and checks add to the framework knowledge of the Python analysis
  // (rules/languages/python.toml [token_flow]; the header names to common.toml [token]).
  // Severity overrides are not rule data: the pipeline applies them to findings, once.
  for (const auto& [key, s] : config.obo004) {
    toml::array* arr = nullptr;
    if (key == "headers") {
      arr = array_at(*table_at(rules.language_mutable("common"), "token"), "headers");
    } else {
      arr = array_at(*table_at(rules.language_mutable("python"), "token_flow"), key);
    }
    for (const auto& v : s.value) arr->push_back(v);
  }
}

namespace {

// Globs from the file are written relative to its directory; discovery matches them against paths
// relative to the scanned directory. When that directory is below the file's ("src" of
// "src/legacy/**"), the glob is also given with that prefix removed ("legacy/**").
std::vector<std::string> rebase_globs(const Config& config,
                                      const Setting<std::vector<std::string>>& s) {
  std::vector<std::string> out = s.value;
  if (config.file.empty() || s.origin == "command line" || config.scan_start.empty()) return out;
  std::string prefix = config.scan_start.lexically_relative(config.base).generic_string();
  if (prefix.empty() || prefix == "." || prefix.rfind("..", 0) == 0) return out;
  prefix += "/";
  for (const auto& g : s.value) {
    if (g.rfind(prefix, 0) == 0 && g.size() > prefix.size()) out.push_back(g.substr(prefix.size()));
  }
  return out;
}

}  // namespace

void apply_config(const Config& config, ScanOptions& options) {
  options.select = config.select.value;
  options.ignore = config.ignore.value;
  options.discover.exclude = rebase_globs(config, config.exclude);
  options.discover.include = rebase_globs(config, config.include);
  options.report_unused_suppressions = config.report_unused_suppressions.value;
  for (const auto& [id, s] : config.severity) options.severity_overrides[id] = s.value;
  for (const auto& p : config.per_path_ignores) {
    options.per_path_ignores.push_back({p.glob, config.base, p.rules});
  }
}

std::string describe_config(const Config& c) {
  std::ostringstream out;
  if (c.file.empty()) {
    out << "# no configuration file (defaults and command line)\n";
  } else {
    out << "# configuration file: " << c.file.string() << (c.pyproject ? " ([tool.obolint])" : "")
        << "\n";
  }
  auto row = [&](const std::string& k, const std::string& v, const std::string& origin) {
    std::string left = k + " = " + v;
    out << left << std::string(left.size() < 44 ? 44 - left.size() : 1, ' ') << "# " << origin
        << "\n";
  };
  row("select", c.select.value.empty() ? "[] (all rules)" : quoted_list(c.select.value),
      c.select.origin);
  row("ignore", quoted_list(c.ignore.value), c.ignore.origin);
  row("exclude", quoted_list(c.exclude.value), c.exclude.origin);
  row("include", quoted_list(c.include.value), c.include.origin);
  row("fail-on", "\"" + c.fail_on.value + "\"", c.fail_on.origin);
  row("report-unused-suppressions", c.report_unused_suppressions.value ? "true" : "false",
      c.report_unused_suppressions.origin);
  out << "\n[severity]\n";
  if (c.severity.empty()) out << "# none: every rule has its default severity\n";
  for (const auto& [id, s] : c.severity) {
    row(id, std::string("\"") + severity_name(s.value) + "\"", s.origin);
  }
  out << "\n[per-path-ignores]";
  if (!c.file.empty()) out << "  # globs relative to " << c.base.string();
  out << "\n";
  if (c.per_path_ignores.empty()) out << "# none\n";
  for (const auto& p : c.per_path_ignores)
    row("\"" + p.glob + "\"", quoted_list(p.rules), p.origin);
  out << "\n[obo004]  # appended to rules/languages/python.toml [token_flow] (headers: "
         "common.toml)\n";
  if (c.obo004.empty()) out << "# none\n";
  for (const auto& [k, s] : c.obo004) row(k, quoted_list(s.value), s.origin);
  return out.str();
}

}  // namespace obolint

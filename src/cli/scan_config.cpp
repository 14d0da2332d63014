#include "cli/scan_config.h"

#include <algorithm>

namespace obolint::cli {

Config resolve_config(const ScanArgs& args, const RuleSet& rules) {
  Config c;
  if (!args.config_file.empty()) {
    if (args.isolated) throw ConfigError("--config and --isolated cannot be used together");
    c = load_config(args.config_file, rules);
  } else if (!args.isolated) {
    // The first scanned path decides (as for a single project; document in configuration.md).
    std::string start = args.paths.empty() ? std::string(".") : args.paths.front();
    if (auto file = find_config(start)) c = load_config(*file, rules);
  }
  {
    std::error_code ec;
    std::filesystem::path start =
        std::filesystem::absolute(args.paths.empty() ? std::string(".") : args.paths.front(), ec)
            .lexically_normal();
    if (!std::filesystem::is_directory(start, ec)) start = start.parent_path();
    std::string s = start.generic_string();
    if (s.size() > 1 && s.back() == '/') start = s.substr(0, s.size() - 1);
    c.scan_start = start;
  }
  auto given = [&](const char* flag) {
    return std::find(args.given.begin(), args.given.end(), flag) != args.given.end();
  };
  const std::string cli = "command line";
  if (given("--select")) c.select = {args.select, cli};
  if (given("--ignore")) c.ignore = {args.ignore, cli};
  if (given("--exclude")) c.exclude = {args.exclude, cli};
  if (given("--include")) c.include = {args.include, cli};
  if (given("--fail-on")) c.fail_on = {args.fail_on, cli};
  if (given("--report-unused-suppressions")) c.report_unused_suppressions = {true, cli};
  return c;
}

}  // namespace obolint::cli

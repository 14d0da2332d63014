#include "cli/outputs.h"

#include <algorithm>
#include <array>
#include <set>

namespace obolint::cli {

bool is_report_format(const std::string& format) {
  static const std::array<const char*, 5> kFormats = {"text", "json", "sarif", "github", "gitlab"};
  return std::any_of(kFormats.begin(), kFormats.end(), [&](const char* f) { return format == f; });
}

std::vector<OutputSpec> parse_outputs(const ScanArgs& args) {
  OutputSpec primary{args.format, args.output};
  bool primary_named = args.format_given;
  std::vector<OutputSpec> extra;
  for (const auto& spec : args.output_formats) {
    auto colon = spec.find(':');
    std::string format = spec.substr(0, colon);
    if (!is_report_format(format)) {
      throw UsageError("--output-format " + spec +
                       ": unknown format (text, json, sarif, github or gitlab, then :FILE)");
    }
    if (colon == std::string::npos) {
      if (primary_named && primary.format != format) {
        throw UsageError("--output-format " + spec + " and --format " + primary.format +
                         " both choose the standard output's format: give one, and FMT:FILE for "
                         "more reports");
      }
      primary.format = format;
      primary_named = true;
      continue;
    }
    std::string file = spec.substr(colon + 1);
    if (file.empty()) throw UsageError("--output-format " + spec + ": no file after ':'");
    extra.push_back({format, file});
  }
  std::vector<OutputSpec> all{primary};
  all.insert(all.end(), extra.begin(), extra.end());
  std::set<std::string> files;
  for (const auto& o : all) {
    if (!o.file.empty() && !files.insert(o.file).second) {
      throw UsageError(o.file + " is named by two outputs: give each report its own file");
    }
  }
  return all;
}

}  // namespace obolint::cli

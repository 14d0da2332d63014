// The reports one scan writes: the standard output's (or -o's) and any number of FMT:FILE ones.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace obolint::cli {

struct OutputSpec {
  std::string format;  // text, json, sarif, github, gitlab
  std::string file;    // empty: standard output
};

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The outputs --format, -o and --output-format ask for, the first one being the standard
// output's (or -o's). Throws UsageError for an unknown format, two formats for standard output,
// or one file named twice.
std::vector<OutputSpec> parse_outputs(const ScanArgs& args);

bool is_report_format(const std::string& format);

}  // namespace obolint::cli

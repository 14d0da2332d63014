// YAML from untrusted repositories (bundle files), parsed with yaml-cpp within bounds: a document
// over kMaxYamlBytes or nested deeper than kMaxYamlDepth is refused before yaml-cpp sees it (its
// parser and node destructors recurse per level), and parse errors come back as text, never as
// exceptions.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

namespace obolint::apps {

constexpr std::size_t kMaxYamlBytes = 1024 * 1024;
constexpr int kMaxYamlDepth = 128;

struct YamlDoc {
  std::optional<YAML::Node> root;  // the first document; nothing when refused or broken
  std::string error;               // why not
  int error_line = 0;              // 1-based, 0 when unknown
};

YamlDoc load_yaml(std::string_view text);

// An upper bound of the nesting depth of `text`: per line, its indentation plus the `- ` entries
// that open on it, plus the open flow collections ([ {) outside quotes and comments.
int yaml_depth_bound(std::string_view text);

}  // namespace obolint::apps

#include "apps/yaml_doc.h"

#include <algorithm>

namespace obolint::apps {

int yaml_depth_bound(std::string_view text) {
  int deepest = 0, flow = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    std::size_t i = 0;
    int nesting = 0;
    // Indentation, then block sequence entries opening on this line ("- - x" nests twice).
    while (i < line.size()) {
      if (line[i] == ' ') {
        ++nesting;
        ++i;
      } else if (line[i] == '-' && i + 1 < line.size() &&
                 (line[i + 1] == ' ' || line[i + 1] == '\t')) {
        nesting += 2;
        i += 2;
      } else {
        break;
      }
    }
    char quote = 0;
    for (; i < line.size(); ++i) {
      char c = line[i];
      if (quote) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
        break;
      } else if (c == '[' || c == '{') {
        ++flow;
      } else if ((c == ']' || c == '}') && flow > 0) {
        --flow;
      }
      deepest = std::max(deepest, nesting + flow);
    }
    deepest = std::max(deepest, nesting + flow);
  }
  return deepest;
}

YamlDoc load_yaml(std::string_view text) {
  YamlDoc doc;
  if (text.size() > kMaxYamlBytes) {
    doc.error = "larger than " + std::to_string(kMaxYamlBytes) + " bytes: not read as YAML";
    return doc;
  }
  if (int depth = yaml_depth_bound(text); depth > kMaxYamlDepth) {
    doc.error = "nested deeper than " + std::to_string(kMaxYamlDepth) + " levels: not read as YAML";
    return doc;
  }
  try {
    doc.root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    doc.error = e.msg;
    doc.error_line = e.mark.is_null() ? 0 : e.mark.line + 1;
  }
  return doc;
}

}  // namespace obolint::apps

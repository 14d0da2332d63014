#include "fixture_annotations.h"

#include <algorithm>
#include <fstream>
#include <regex>
#include <stdexcept>

namespace obolint::test {
namespace fs = std::filesystem;
namespace {

const std::regex kId(R"(^[A-Z]{2,8}[0-9]{3,4}$)");

std::string trim(std::string s) {
  auto b = s.find_first_not_of(" \t");
  auto e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

std::vector<std::string> split_ids(const std::string& list, const std::string& line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= list.size()) {
    auto comma = list.find(',', start);
    std::string id = trim(list.substr(start, comma - start));
    if (!std::regex_match(id, kId))
      throw std::runtime_error("bad rule id '" + id + "' in: " + line);
    out.push_back(id);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

// `ID[@COL]["message"]` items separated by commas (a message may not hold a comma or a quote).
std::vector<Expectation> parse_expect(const std::string& list, const std::string& line) {
  static const std::regex kItem(
      R"re(^\s*([A-Z]{2,8}[0-9]{3,4})(?:@([0-9]+))?(?:\s+"([^"]*)")?\s*$)re");
  std::vector<Expectation> out;
  std::size_t start = 0;
  while (start <= list.size()) {
    auto comma = list.find(',', start);
    std::string item = list.substr(start, comma - start);
    std::smatch m;
    if (!std::regex_match(item, m, kItem)) {
      throw std::runtime_error("bad expectation '" + trim(item) + "' in: " + line);
    }
    Expectation e{m[1].str(), std::nullopt, m[3].str()};
    if (m[2].matched) e.column = std::stoi(m[2].str());
    out.push_back(std::move(e));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace

std::optional<LineAnnotations> parse_annotations(std::string_view text) {
  // The marker follows a comment sign; what follows it up to the end of the line (or the end of
  // a JSON string in a notebook) is the annotation.
  static const std::regex kMarker(
      R"re((?:#|//)\s*(expect|ok|todo-expect):\s*([^\\\n]*?)\s*(?:\\n)?(",?)?\s*$)re");
  std::string line(text);
  std::smatch m;
  if (!std::regex_search(line, m, kMarker)) return std::nullopt;
  std::string kind = m[1].str(), body = m[2].str();
  // The closing quote of a JSON string was taken off; a message's own closing quote (`"text"`
  // at the end of the line) goes back.
  if (m[3].matched && std::count(body.begin(), body.end(), '"') % 2 == 1) body += '"';
  LineAnnotations a;
  if (kind == "expect") {
    a.expect = parse_expect(body, line);
  } else if (kind == "todo-expect") {
    a.todo = split_ids(body, line);
  } else {
    // `# ok: OBO004[, OBO005] <why>` names rule ids, then prose; `# ok` or `# ok: <prose>`
    // without an id is a plain comment for readers.
    static const std::regex kOk(
        R"(^([A-Z]{2,8}[0-9]{3,4}(?:\s*,\s*[A-Z]{2,8}[0-9]{3,4})*)(?:\s.*)?$)");
    std::smatch ids;
    if (!std::regex_match(body, ids, kOk)) return std::nullopt;
    a.ok = split_ids(ids[1].str(), line);
  }
  return a;
}

std::vector<LineAnnotations> annotations_under(const fs::path& root,
                                               const std::vector<fs::path>& skip) {
  std::vector<LineAnnotations> out;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator();
       ++it) {
    if (it->is_directory() && std::find(skip.begin(), skip.end(), it->path()) != skip.end()) {
      it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file()) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::string line;
    int n = 0;
    std::string rel = it->path().lexically_relative(root).generic_string();
    while (std::getline(in, line)) {
      ++n;
      auto a = parse_annotations(line);
      if (!a) continue;
      a->path = rel;
      a->line = n;
      out.push_back(std::move(*a));
    }
  }
  return out;
}

}  // namespace obolint::test

#include "python/flow_literals.h"

#include <algorithm>

namespace obolint::py {
namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// "flask.request.headers" -> "headers", "*.get_request_headers()" -> "get_request_headers"
std::string last_name(std::string path) {
  if (path.ends_with("()")) path.resize(path.size() - 2);
  return path.substr(path.rfind('.') + 1);
}

void add(std::vector<std::string>& to, std::string s) {
  if (!s.empty() && std::find(to.begin(), to.end(), s) == to.end()) to.push_back(std::move(s));
}

}  // namespace

FlowLiterals flow_literals(const RuleSet& rules) {
  FlowLiterals out;
  for (const auto& h : string_array(rules.language("common")["token"]["headers"])) {
    std::string l = lower(h);
    add(out.sources, l);
    std::replace(l.begin(), l.end(), '-', '_');
    add(out.sources, l);  // HTTP_X_..., x_forwarded_access_token parameters and attributes
  }
  const auto& flow = rules.language("python")["token_flow"];
  for (const char* key : {"source_functions", "checked_source_functions"}) {
    for (const auto& f : string_array(flow[key])) add(out.sources, lower(last_name(f)));
  }
  auto holder_word = [](const std::string& holder) {
    return lower(holder.starts_with("*.") ? holder.substr(2) : holder.substr(0, holder.find('.')));
  };
  for (const auto& holder : string_array(flow["request_scoped"])) {
    add(out.holders, holder_word(holder));
  }
  for (const auto& holder : string_array(flow["request_scoped_in_apps"])) {
    add(out.app_holders, holder_word(holder));
  }
  for (const auto& m : string_array(flow["header_dump_maps"])) add(out.dump_maps, last_name(m));
  return out;
}

}  // namespace obolint::py

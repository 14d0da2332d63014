// Recovering code Clang's recovery AST drops when a framework header is missing (no compilation
// database):
//  - a statement or a whole function definition whose name is qualified by an undeclared
//    namespace or class: `db::query(token);`, `return crow::response(query(token));`,
//    `void Ctrl::list(...) { ... }` (Drogon controllers), `drogon::app().registerHandler(...)`;
//  - a call whose argument is a parameter of an unknown type (`const httplib::Request& req`):
//    `run_query(user_token(req))` vanishes, `auto t = user_token(req)` loses its initializer;
//  - a statement using a value of a missing header (`crow::status::UNAUTHORIZED`,
//    `k401Unauthorized`), or a `<<` chain on an undeclared stream (`CROW_LOG_INFO << token`,
//    `std::cout` without <iostream>).
// Where that lost what the token flow follows, the file is parsed again from a copy in which
// each qualified name is one identifier of the same length (`db::query` -> `db__query`: an
// unresolved call, kept with its arguments), each unknown parameter type is `auto` padded to the
// same length (the function becomes a template: its uses of the parameter are dependent, kept),
// and the unknown values and streams are declared by a prelude as objects that convert to
// anything. Offsets do not change, so spans, text and literals are the file's own.
#pragma once

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace obolint::cpp {

// An unknown name Clang reported at `offset`: "use of undeclared identifier", "unknown type
// name", or "no member named ... in namespace 'std'" (`std_member`).
struct Undeclared {
  std::size_t offset = 0;
  bool std_member = false;
};

// What the token flow cares about, from the last parse.
struct Interest {
  const std::vector<std::string>& headers;  // lower case: a dropped definition that reads one
  const std::set<std::pair<std::size_t, std::size_t>>& bodies;  // functions that read the token
  const std::vector<std::size_t>& lost;  // names the flow follows that no AST node holds
};

class Recovery {
 public:
  // Adds the places of `undeclared` that dropped code of interest. True when a parse again is
  // worth it: something lost (or in a function that reads the token) can come back. An unknown
  // parameter type in such a function is rewritten too, but alone is no reason to parse again.
  bool add(const std::string& content, const std::vector<Undeclared>& undeclared,
           const Interest& interest);
  std::size_t size() const {
    return qualifiers_.size() + params_.size() + values_.size() + std_values_.size() +
           std_functions_.size() + types_.size();
  }

  // The copy of `content` to parse.
  std::string apply(const std::string& content) const;
  // Declarations included before the file (empty when there are none).
  std::string prelude() const;

 private:
  bool add_one(std::string_view s, const Undeclared& u, bool in_body, bool lost, bool header);

  std::set<std::size_t> qualifiers_;           // `X` of `X::a::b(` and of a value `X::a::B`
  std::map<std::size_t, std::size_t> params_;  // [begin, end) of a parameter's type
  std::set<std::string> values_;               // declared in the prelude (joined with __)
  std::set<std::string> std_values_;           // declared in namespace std (std::cout)
  std::set<std::string> types_;          // a type of a cast `(SQLCHAR*)`: an alias of the prelude's
  std::set<std::string> std_functions_;  // std::runtime_error(...) without <stdexcept>
};

}  // namespace obolint::cpp

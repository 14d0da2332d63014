// Recovering code Clang's recovery AST drops when a framework header is missing (no compilation
// database). Clang drops a whole statement, or a whole function definition, whose name is
// qualified by an undeclared namespace or class: `db::query(token);`,
// `return crow::response(query(token));`, `void Ctrl::list(...) { ... }` (Drogon controllers),
// `drogon::app().registerHandler(..., [](...) { ... })`; and a `<<` chain on an undeclared stream
// (`CROW_LOG_INFO << token`, `std::cout` without <iostream>).
//
// When such a place mentions what the token flow follows, the file is parsed again from a copy
// in which each of those qualified names is one identifier of the same length (`db::query` ->
// `db__query`: an unresolved call, kept with its arguments) and the undeclared streams are
// declared by a prelude. Offsets do not change, so spans, text and literals are the file's own.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <vector>

namespace obolint::cpp {

// "use of undeclared identifier 'X'" (or "no member named 'X' in namespace 'std'") at `offset`.
struct Undeclared {
  std::size_t offset = 0;
  bool std_member = false;
};

class Recovery {
 public:
  // What the token flow cares about: code inside `bodies` (functions that read the token), or
  // code that mentions one of `names` (identifiers) or `headers` (lower case, in a literal).
  struct Interest {
    const std::set<std::string>& names;
    const std::vector<std::string>& headers;
    const std::set<std::pair<std::size_t, std::size_t>>& bodies;
  };
  // Adds the places of `undeclared` whose dropped code is of interest; true when anything was.
  bool add(const std::string& content, const std::vector<Undeclared>& undeclared,
           const Interest& interest);
  bool empty() const { return qualifiers_.empty() && streams_.empty() && std_streams_.empty(); }
  std::size_t size() const { return qualifiers_.size() + streams_.size() + std_streams_.size(); }

  // The copy of `content` to parse: each recovered `X::Y::name(` as `X__Y__name(`.
  std::string apply(const std::string& content) const;
  // Declarations included before the file (empty when there are none).
  std::string prelude() const;

 private:
  std::set<std::size_t> qualifiers_;
  std::set<std::string> streams_;
  std::set<std::string> std_streams_;
};

}  // namespace obolint::cpp

// OBO001-OBO003 on Python: call patterns read from the [python] sections of the rule files.
//
//   [[python.call_keyword]]    callee + keyword: report the keyword argument (also via **{...})
//   [[python.call]]            callee: report the call itself
//   [[python.literal_argument]] callee + keyword (+ position): report a string literal passed there
//   [[python.env_default]]     callees + variable_regex: report a literal default of an env lookup
//   [[python.bearer_literal]]  regex: report a literal bearer credential in an Authorization header
#pragma once

#include <set>
#include <string>
#include <vector>

#include "core/rules.h"
#include "python/resolver.h"
#include "text/secret_scanner.h"

namespace obolint::py {

class CallRules {
 public:
  // Reads the [python] sections of every rule (checked by the RuleSet's schema).
  // `active`: the selected rules; only their entries are checked.
  CallRules(const RuleSet& rules, const std::vector<const RuleDef*>& active,
            const SecretScanner& secrets);
  void check(const Resolver& resolver, std::vector<Finding>& out) const;

 private:
  struct KeywordPattern {
    const RuleDef* rule;
    std::string callee;
    std::string keyword;
    int position = -1;  // positional index that binds the same parameter, -1: keyword only
    const Regex* placeholder = nullptr;  // values that stand for a token, not hold one
    // Values (resolved dotted paths, a prefix ending in '.') that make the keyword harmless.
    std::vector<std::string> unless_value;
  };
  struct CallPattern {
    const RuleDef* rule;
    std::string callee;
  };
  struct EnvDefaultPattern {
    const RuleDef* rule;
    std::vector<std::string> callees;
    const Regex* variable;  // owned by the RuleSet
    const Regex* placeholder = nullptr;
  };
  struct BearerPattern {
    const RuleDef* rule;
    const Regex* regex;
    const Regex* placeholder = nullptr;
    int min_length = 0;        // a credential is at least this long...
    double min_entropy = 0.0;  // ...and this random (bits per character), or a token format
  };
  // [[python.string]]: a regex over string values (a literal, an f-string with its
  // interpolations as U+0001, a dict pair as "key=value").
  struct StringPattern {
    const RuleDef* rule;
    std::string description;
    const Regex* regex;
    int report_group = 0;
    std::vector<const Regex*> context;  // over the whole file: one must match
    std::vector<const Regex*> unless;   // over the whole file: none may match
  };

  void check_call(const Resolver& r, TSNode call, std::vector<Finding>& out) const;
  void check_string(const Resolver& r, TSNode str, std::vector<Finding>& out) const;
  void check_string_patterns(const Resolver& r, TSNode n, std::vector<Finding>& out) const;
  // dict(credentials_provider=...) / {"credentials_provider": ...} in a module that imports the
  // callee's package: connection arguments built ahead of the call (`**kwargs`).
  void check_kwargs_dict(const Resolver& r, TSNode dict, std::vector<Finding>& out) const;
  void report_keyword(const Resolver& r, const KeywordPattern& p, TSNode args,
                      std::vector<Finding>& out) const;
  void report_literal(const Resolver& r, const KeywordPattern& p, TSNode value,
                      std::vector<Finding>& out) const;
  Finding make(const Resolver& r, const RuleDef& rule, TSNode at, std::string message) const;

  std::vector<KeywordPattern> keyword_rules_;
  std::vector<CallPattern> call_rules_;
  std::vector<KeywordPattern> literal_rules_;
  std::vector<EnvDefaultPattern> env_rules_;
  std::vector<BearerPattern> bearer_rules_;
  std::vector<StringPattern> string_rules_;
  // The last segment of every callee above ("execute_statement", "connect"): a method call whose
  // name is none of these cannot match, and is not resolved at all (resolving a receiver may
  // parse another module for a helper's return value).
  std::set<std::string, std::less<>> method_names_;
  const SecretScanner& secrets_;
  std::vector<const RuleDef*> active_;  // the selected rules (split secrets of others are not ours)
};

}  // namespace obolint::py

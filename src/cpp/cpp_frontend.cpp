// The C++ front end's entry: the rule data and knowledge loaded once, the files worth a parse
// chosen by the prefilter, each parsed on a worker thread (once, or again from a recovery copy
// when Clang dropped code the token flow needs), results merged in input order.
//
// Files by job: compilation_db (databases), clang_parse (one Clang parse: flags, file system,
// diagnostics, time budget), crash_guard, safe_fs, recovery, file_analysis (one pass of the
// matchers, then string_chains, pattern_matchers, token_*), lexical, cpp_rules, cpp_knowledge.
#include "cpp/cpp_frontend.h"

#include <algorithm>
#include <set>
#include <tuple>

#include <clang/ASTMatchers/Dynamic/Diagnostics.h>
#include <clang/ASTMatchers/Dynamic/Parser.h>

#include "core/parallel.h"
#include "cpp/clang_parse.h"
#include "cpp/compilation_db.h"
#include "cpp/lexical.h"
#include "engine/prefilter.h"

namespace obolint {
namespace {

namespace fs = std::filesystem;
namespace am = clang::ast_matchers;
using cpp::CppRules;

constexpr int kRecoveryRounds = 2;  // a recovered definition can reveal dropped statements

std::optional<am::internal::DynTypedMatcher> parse_matcher(const std::string& text,
                                                           const std::string& bind_id,
                                                           std::string& error) {
  am::dynamic::Diagnostics diag;
  llvm::StringRef code(text);
  auto m = am::dynamic::Parser::parseMatcherExpression(code, nullptr, nullptr, &diag);
  if (!m) {
    error = diag.toStringFull();
    return std::nullopt;
  }
  auto bound = m->tryBind(bind_id);
  if (!bound) {
    error = "matcher cannot be bound (it must match a node, e.g. callExpr(...))";
    return std::nullopt;
  }
  return bound;
}

// Every matcher of the scan, parsed once (the RuleSet checked them at load).
void compile_matchers(cpp::ScanContext& sc, const CppRules& rules, std::vector<Note>& notes) {
  sc.matchers.emplace_back("lit", am::internal::DynTypedMatcher(am::stringLiteral().bind("lit")));
  for (std::size_t i = 0; i < rules.token.sources.size() && sc.token_flow; ++i) {
    std::string err, id = "src" + std::to_string(i);
    if (auto m = parse_matcher(rules.token.sources[i].matcher, id, err)) {
      sc.matchers.emplace_back(id, *m);
    } else {
      notes.push_back({Note::Kind::Error, "rules/languages/cpp.toml", 0, 0,
                       "[[token_flow.source]] " + rules.token.sources[i].framework +
                           ": invalid matcher: " + err});
    }
  }
  for (const auto& mr : rules.matchers) {
    std::string err, id = "rule" + std::to_string(sc.matcher_rules.size());
    if (auto m = parse_matcher(mr.matcher, id, err)) {
      sc.matchers.emplace_back(id, *m);
      sc.matcher_rules.push_back(&mr);
    } else {
      notes.push_back({Note::Kind::Error, mr.rule->source.string(), 0, 0,
                       "[[cpp.matcher]] invalid matcher: " + err});
    }
  }
}

struct Job {
  const SourceFile* file = nullptr;
  fs::path abs;
  cpp::FileCommand command;
};

struct FileOutput {
  std::vector<Finding> findings;
  facts::TokenFacts facts;
  std::vector<Note> notes;
};

std::string parse_note(const cpp::ParseDiagnostics& d, const cpp::FileResult& r,
                       std::size_t recovered) {
  std::string msg = std::to_string(d.errors) + " Clang error(s)";
  if (!r.missing_includes.empty()) {
    msg += ", " + std::to_string(r.missing_includes.size()) + " include(s) not found (";
    for (std::size_t i = 0; i < r.missing_includes.size() && i < 3; ++i) {
      msg += (i ? ", " : "") + r.missing_includes[i];
    }
    msg += r.missing_includes.size() > 3 ? ", ...)" : ")";
  }
  msg += "; analysed with Clang's recovery AST and a lexical literal scan";
  if (recovered) {
    msg += " (" + std::to_string(recovered) +
           " place(s) Clang dropped for unknown names were parsed again)";
  }
  if (!d.first_message.empty()) msg += " (first error: " + d.first_message + ")";
  return msg;
}

// Parses again, from a recovery copy, while Clang dropped code that mentions what the token flow
// follows (recovery.h). The latest complete result wins.
std::size_t recover(cpp::ParseRequest req, const cpp::ScanContext& sc, cpp::ParseDiagnostics diags,
                    cpp::FileResult& result) {
  cpp::Recovery recovery;
  std::set<std::pair<std::size_t, std::size_t>> bodies;
  std::vector<std::size_t> lost;
  const std::string& content = req.file->content();
  std::string copy;
  for (int round = 0; round < kRecoveryRounds && !req.budget->hit(); ++round) {
    bodies.insert(result.flow_bodies.begin(), result.flow_bodies.end());
    lost.insert(lost.end(), result.lost.begin(), result.lost.end());
    if (!recovery.add(content, diags.undeclared, {sc.rules.token.headers, bodies, lost})) break;
    copy = recovery.apply(content);
    req.buffer = &copy;
    req.prelude = recovery.prelude();
    cpp::FileResult again;
    if (!cpp::parse_file(req, sc, diags, again) || !again.parsed) break;
    again.missing_includes = std::move(result.missing_includes);
    result = std::move(again);
  }
  return recovery.size();
}

FileOutput run_file(const Job& job, const cpp::ScanContext& sc, const CppOptions& options) {
  FileOutput out;
  const SourceFile& file = *job.file;
  cpp::Budget budget(std::chrono::milliseconds(options.time_budget_ms));
  cpp::ParseRequest req{&file,
                        job.abs,
                        job.command.args,
                        job.command.directory,
                        cpp::is_header(job.abs) && !job.command.from_db,
                        &file.content(),
                        "",
                        &budget};
  cpp::ParseDiagnostics diags;
  cpp::FileResult result;
  bool survived = cpp::parse_file(req, sc, diags, result);
  if (survived && !result.parsed && job.command.from_db) {
    // The database's command line may hold flags Clang refuses: the flags that shape the AST.
    req.args = cpp::essential_args(job.command.args, job.abs.string());
    req.header_without_db = false;
    result = cpp::FileResult{};
    survived = cpp::parse_file(req, sc, diags, result);
  }
  std::size_t recovered = 0;
  if (survived && result.parsed && sc.token_flow && !diags.undeclared.empty()) {
    recovered = recover(req, sc, diags, result);
  }
  const std::string& path = file.path();
  if (!survived) {
    out.notes.push_back({Note::Kind::ParseError, path, 0, 0,
                         "Clang crashed while parsing this file (deeply nested code exhausts its "
                         "stack); only the lexical literal scan was applied"});
    result = cpp::FileResult{};
  }
  if (!result.parsed) {
    cpp::LiteralEvaluator literals(sc.rules, sc.secrets, file);
    for (const auto& c : cpp::lexical_chains(file.content(), sc.rules)) {
      literals.evaluate(c, result.findings);
    }
    if (survived) {
      out.notes.push_back(
          {Note::Kind::ParseError, path, diags.first_line, diags.first_column,
           "Clang could not parse this file" +
               (diags.first_message.empty() ? std::string() : ": " + diags.first_message) +
               "; only the lexical literal scan was applied"});
    }
  } else if (diags.errors > 0) {
    out.notes.push_back({Note::Kind::ParseError, path, diags.first_line, diags.first_column,
                         parse_note(diags, result, recovered)});
  }
  if (budget.hit()) {
    out.notes.push_back({Note::Kind::ParseError, path, 0, 0,
                         "Clang's time budget (" + std::to_string(options.time_budget_ms) +
                             " ms) ran out: the AST ends where the parse was cut; the lexical "
                             "literal scan covered the whole file"});
  }
  // One finding per rule and place (template instantiations, AST and lexical overlaps).
  std::set<std::tuple<std::string, int, int>> seen;
  for (auto& f : result.findings) {
    if (seen.insert({f.rule_id, f.span.line, f.span.column}).second) {
      out.findings.push_back(std::move(f));
    }
  }
  out.facts = std::move(result.facts);
  return out;
}

std::vector<Job> plan(const std::vector<const SourceFile*>& files, const CppPrefilter& prefilter,
                      const cpp::Databases& dbs) {
  std::vector<Job> jobs;
  for (const SourceFile* file : files) {
    if (!file || !prefilter.may_matter(file->content())) continue;
    Job job;
    job.file = file;
    std::error_code ec;
    job.abs = fs::absolute(file->path(), ec);
    if (ec) job.abs = file->path();
    job.abs = job.abs.lexically_normal();
    job.command = dbs.command_for(job.abs);
    jobs.push_back(std::move(job));
  }
  return jobs;
}

void merge(std::vector<FileOutput>& outputs, std::vector<Finding>& findings, facts::Facts& facts,
           std::vector<Note>& notes) {
  for (auto& o : outputs) {
    for (auto& f : o.findings) findings.push_back(std::move(f));
    for (auto& n : o.notes) notes.push_back(std::move(n));
    auto& t = facts.token;
    std::move(o.facts.uses.begin(), o.facts.uses.end(), std::back_inserter(t.uses));
    std::move(o.facts.fallbacks.begin(), o.facts.fallbacks.end(), std::back_inserter(t.fallbacks));
    std::move(o.facts.stores.begin(), o.facts.stores.end(), std::back_inserter(t.stores));
  }
}

}  // namespace

std::optional<std::string> validate_matcher(const std::string& expression) {
  std::string err;
  if (parse_matcher(expression, "check", err)) return std::nullopt;
  return err;
}

void analyze_cpp(const std::vector<const SourceFile*>& files, const RuleSet& rules,
                 const std::vector<const RuleDef*>& active, const SecretScanner& secrets,
                 unsigned needs, const CppOptions& options, std::vector<Finding>& findings,
                 facts::Facts& facts, std::vector<Note>& notes) {
  std::size_t notes_from = notes.size();
  try {
    bool token_flow = (needs & facts::kNeedTokenFlow) != 0;
    CppRules cpp_rules = CppRules::load(rules, active);
    cpp::ScanContext sc{cpp_rules, secrets, {}, {}, token_flow};
    compile_matchers(sc, cpp_rules, notes);
    cpp::Databases dbs(options, notes);
    std::vector<Job> jobs = plan(files, CppPrefilter(rules, active, token_flow), dbs);
    std::vector<FileOutput> outputs(jobs.size());
    // Each file's result stays in its slot, merged in input order: the output is the same for
    // any number of threads.
    parallel_for(jobs.size(), options.jobs, [&](std::size_t i) {
      try {
        outputs[i] = run_file(jobs[i], sc, options);
      } catch (const std::exception& e) {
        outputs[i].notes.push_back({Note::Kind::Error, jobs[i].file->path(), 0, 0,
                                    std::string("C++ analysis failed: ") + e.what()});
      }
    });
    merge(outputs, findings, facts, notes);
  } catch (const std::exception& e) {
    notes.push_back({Note::Kind::Error, "", 0, 0, std::string("C++ analysis: ") + e.what()});
  }
  // Clang's messages quote the source (unknown type names, #error, static_assert, include
  // names): a token in them is shown redacted, like everywhere else.
  for (std::size_t i = notes_from; i < notes.size(); ++i) {
    notes[i].message = secrets.redact_all(notes[i].message);
  }
}

}  // namespace obolint

// Shared by the libFuzzer targets (tests/fuzz/*.cpp, built with -DOBOLINT_FUZZ=ON into
// build-fuzz/, run with tools/fuzz TARGET SECONDS). Each target checks the promises of the
// hardening issue on its input: no crash, no sanitizer report, no token whole in any text that
// leaves the process.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/rules.h"
#include "core/source_file.h"
#include "engine/analyze.h"
#include "engine/scan.h"
#include "text/secret_scanner.h"

namespace obolint::fuzz {

// The project's rules, loaded once from the source tree.
const RuleSet& rules();
// A scanner over every [[text.secret]] pattern of rules().
const SecretScanner& secrets();

std::string_view as_text(const std::uint8_t* data, std::size_t size);

// Splits `text` at every occurrence of `separator` (at most `max_parts` parts).
std::vector<std::string> split(std::string_view text, std::string_view separator,
                               std::size_t max_parts);

// Adds `text` as the in-memory file `path`, decoded and classified as a file read from disk would
// be (make_source); nothing when it would be skipped (binary).
void add_in_memory(std::vector<InputFile>& inputs, const std::string& path, std::string text);

// What engine::run does after analyze(): filters, de-duplication, suppressions, order, snippets,
// redaction; then checks that no text of the result holds a secret whole.
void finish_and_check(Analysis& analysis, const ScanOptions& options);

// Aborts (a fuzzer finding) when `text` holds a secret the scanner finds: `where` names it.
void expect_no_secret(std::string_view text, const char* where);

}  // namespace obolint::fuzz

// The last line of defence against a leaked secret: every text the pipeline hands to a report
// (finding and note messages, suppression justifications, related-location and flow messages,
// file paths) passes through the secret scanner before it leaves the process, whatever front end
// or stage wrote it: a Clang diagnostic quoting source, a rule message quoting a literal, a
// comment copied into a justification, a file named after a token.
#pragma once

#include <string>

#include "engine/scan.h"
#include "text/secret_scanner.h"

namespace obolint {

void redact_texts(std::vector<Finding>& findings, std::vector<Note>& notes,
                  const SecretScanner& secrets);

// `text` with every secret redacted (the message of an error about to be printed, say).
std::string redact_text(std::string_view text, const SecretScanner& secrets);

}  // namespace obolint

// SHA-256, for fingerprints: a baseline or SARIF file must identify a secret finding without
// holding the secret, so fingerprints are one-way hashes of the finding's text.
#pragma once

#include <string>
#include <string_view>

namespace obolint {

std::string sha256_hex(std::string_view data);

}  // namespace obolint

// The secret scanner and every redactor: whatever the text, find() returns in-range matches
// ordered by where they begin (two tokens sharing characters may overlap: both are returned and
// redacted as one), and no redacted text (a whole text, a snippet window anywhere in a line, a
// single secret) still holds a secret the scanner finds.
#include <cstdlib>

#include "core/redact.h"
#include "engine/redaction.h"
#include "engine/snippet.h"
#include "fuzz_support.h"

using namespace obolint;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  std::size_t at_seed = data[0] | (data[1] << 8);
  std::string_view text = fuzz::as_text(data + 2, size - 2);
  const SecretScanner& secrets = fuzz::secrets();
  auto found = secrets.find(text);
  std::size_t last_begin = 0;
  std::vector<std::pair<std::size_t, std::size_t>> ranges;
  for (const auto& m : found) {
    if (m.begin < last_begin || m.end <= m.begin || m.end > text.size()) std::abort();
    last_begin = m.begin;
    ranges.emplace_back(m.begin, m.end);
    fuzz::expect_no_secret(redact_secret(text.substr(m.begin, m.end - m.begin)), "redact_secret");
  }
  fuzz::expect_no_secret(secrets.redact_all(text), "redact_all");
  fuzz::expect_no_secret(redact_text(text, secrets), "redact_text");
  // A snippet of the first line, around any byte of it.
  std::string_view line = text.substr(0, text.find('\n'));
  std::erase_if(ranges, [&](const auto& r) { return r.second > line.size(); });
  int column = 0;
  std::size_t at = line.empty() ? 0 : at_seed % line.size();
  std::string snippet = make_snippet(line, at, ranges, secrets, column);
  fuzz::expect_no_secret(snippet, "a snippet");
  if (column < 1 || static_cast<std::size_t>(column) > snippet.size() + 1) std::abort();
  return 0;
}

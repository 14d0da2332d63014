// `obolint server`: a Language Server Protocol server over standard input and output. Protocol
// plumbing lives here (framing, JSON-RPC, lifecycle, dispatch); documents and analyses in
// session.h. Nothing the client sends can stop the server but `exit` or the end of input: broken
// frames, invalid JSON, unknown methods and bad parameters are answered with errors.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>

namespace obolint::lsp {

struct ServerOptions {
  std::filesystem::path rules_dir;
  std::chrono::milliseconds debounce{150};
  // Messages over this size are read and dropped (a document that large is not analysed; the
  // pipeline's own limit, 10 MiB per file, applies below it).
  std::size_t max_message = std::size_t{64} << 20;
};

// Serves one client on `in_fd`/`out_fd` until `exit` or the end of input. Returns the exit status
// LSP prescribes: 0 after `shutdown`, 1 otherwise. Throws RuleError when the rule data cannot be
// loaded at all (there is nothing to analyse with).
int run_server(int in_fd, int out_fd, const ServerOptions& options);

// Messages nested deeper than this are refused before they are parsed (core/json_nesting.h).
inline constexpr int kMaxNesting = 256;

}  // namespace obolint::lsp

#include <unistd.h>

#include <iostream>

#include "cli/commands.h"
#include "cli/scan_request.h"
#include "core/rules.h"
#include "lsp/server.h"

namespace obolint::cli {

int run_language_server(const ServerArgs& args) {
  lsp::ServerOptions options;
  options.rules_dir =
      args.rules_dir.empty() ? default_rules_dir() : std::filesystem::path(args.rules_dir);
  options.debounce = std::chrono::milliseconds(args.debounce_ms);
  try {
    load_rules(args.rules_dir);  // checks the rule data once, as scan does, before any client
    return lsp::run_server(STDIN_FILENO, STDOUT_FILENO, options);
  } catch (const RuleError& e) {
    std::cerr << "obolint: error: broken rule file: " << e.what() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "obolint: error: " << e.what() << "\n";
  }
  return kExitError;
}

}  // namespace obolint::cli

#include "core/redact.h"

namespace obolint {

std::string redact_secret(std::string_view secret) {
  // Showing 8 characters of a secret shorter than 16 would reveal half of it or more.
  if (secret.size() < 16) return "****";
  return std::string(secret.substr(0, 4)) + "****" + std::string(secret.substr(secret.size() - 4));
}

}  // namespace obolint

#include "engine/redaction.h"

namespace obolint {

std::string redact_text(std::string_view text, const SecretScanner& secrets) {
  return secrets.redact_all(text);
}

void redact_texts(std::vector<Finding>& findings, std::vector<Note>& notes,
                  const SecretScanner& secrets) {
  auto clean = [&](std::string& s) {
    if (!s.empty()) s = secrets.redact_all(s);
  };
  for (auto& f : findings) {
    clean(f.path);
    clean(f.message);
    clean(f.suppression_justification);
    for (auto& r : f.related) {
      clean(r.path);
      clean(r.message);
    }
    for (auto& s : f.flow) {
      clean(s.path);
      clean(s.message);
    }
  }
  for (auto& n : notes) {
    clean(n.path);
    clean(n.message);
  }
}

}  // namespace obolint

#include "report/context.h"

#include "core/redact.h"

namespace obolint {

std::size_t byte_offset_of_column(std::string_view line, int column) {
  int cp = 1;
  std::size_t i = 0;
  while (i < line.size() && cp < column) {
    ++i;
    while (i < line.size() && (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) ++i;
    ++cp;
  }
  return i;
}

Redactor::Redactor(const ScanResult& result, const SecretScanner& scanner)
    : result_(result), scanner_(scanner) {
  for (const auto& f : result.findings) {
    if (f.span_is_secret) secret_spans_[f.path].push_back(f.span);
  }
}

std::string Redactor::line(std::string_view path, int line) const {
  auto file = result_.files.find(path);
  if (file == result_.files.end()) return {};
  std::string text(file->second->line_text(line));
  if (auto spans = secret_spans_.find(path); spans != secret_spans_.end()) {
    // Right to left, so earlier offsets stay valid while later parts are replaced.
    std::vector<std::pair<std::size_t, std::size_t>> cuts;
    for (const auto& s : spans->second) {
      if (line < s.line || line > s.end_line) continue;
      std::size_t b = s.line == line ? byte_offset_of_column(text, s.column) : 0;
      std::size_t e = s.end_line == line ? byte_offset_of_column(text, s.end_column) : text.size();
      if (b < e) cuts.emplace_back(b, e);
    }
    std::sort(cuts.rbegin(), cuts.rend());
    std::size_t limit = text.size();
    for (auto [b, e] : cuts) {
      if (e > limit) continue;  // overlapping span already replaced
      text.replace(b, e - b, redact_secret(std::string_view(text).substr(b, e - b)));
      limit = b;
    }
  }
  return scanner_.redact_all(text);
}

std::string relative_path(const std::string& path, const std::filesystem::path& project_root) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path abs = fs::weakly_canonical(fs::absolute(path, ec), ec);
  fs::path root = fs::weakly_canonical(fs::absolute(project_root, ec), ec);
  fs::path rel = abs.lexically_relative(root);
  return rel.empty() ? fs::path(path).generic_string() : rel.generic_string();
}

std::string relative_uri(const std::string& path, const std::filesystem::path& project_root) {
  std::string s = relative_path(path, project_root);
  std::string out;
  static const char* hex = "0123456789ABCDEF";
  for (unsigned char c : s) {
    bool safe = std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~';
    if (safe) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

}  // namespace obolint

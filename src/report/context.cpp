#include "report/context.h"

#include <cstdio>

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

namespace {

// Length of the valid UTF-8 sequence starting at s[i] and its code point; 0 when invalid.
std::size_t utf8_sequence(std::string_view s, std::size_t i, std::uint32_t& cp) {
  auto c = static_cast<unsigned char>(s[i]);
  std::size_t n = c < 0x80             ? 1
                  : (c & 0xE0) == 0xC0 ? 2
                  : (c & 0xF0) == 0xE0 ? 3
                  : (c & 0xF8) == 0xF0 ? 4
                                       : 0;
  if (n == 0 || i + n > s.size()) return 0;
  if (n == 1) {
    cp = c;
    return 1;
  }
  cp = c & (0x7F >> n);
  for (std::size_t k = 1; k < n; ++k) {
    auto cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  return n;
}

bool unsafe_code_point(std::uint32_t cp) {
  return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F || cp == 0x061C;
}

}  // namespace

std::string terminal_safe(std::string_view text, bool keep_tabs) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  char buf[16];
  while (i < text.size()) {
    std::uint32_t cp = 0;
    std::size_t n = utf8_sequence(text, i, cp);
    if (n == 0) {
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(text[i]));
      out += buf;
      ++i;
      continue;
    }
    if (unsafe_code_point(cp) && !(keep_tabs && cp == '\t')) {
      if (cp < 0x100) {
        std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(cp));
      } else {
        std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
      }
      out += buf;
    } else {
      out.append(text.substr(i, n));
    }
    i += n;
  }
  return out;
}

Severity effective_severity(const ReportContext& ctx, const RuleDef& rule) {
  auto it = ctx.result.rule_severity.find(rule.id);
  return it == ctx.result.rule_severity.end() ? rule.severity : it->second;
}

std::string relative_path(const ReportContext& ctx, const std::string& path) {
  namespace fs = std::filesystem;
  if (auto it = ctx.relative_cache.find(path); it != ctx.relative_cache.end()) return it->second;
  std::error_code ec;
  fs::path abs = fs::absolute(path, ec).lexically_normal();
  fs::path folder = fs::weakly_canonical(abs.parent_path(), ec);
  fs::path root = fs::weakly_canonical(fs::absolute(ctx.project_root, ec), ec);
  fs::path rel = (folder / abs.filename()).lexically_relative(root);
  std::string out = rel.empty() ? fs::path(path).generic_string() : rel.generic_string();
  ctx.relative_cache.emplace(path, out);
  return out;
}

std::string relative_uri(const ReportContext& ctx, const std::string& path) {
  std::string s = relative_path(ctx, path);
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

#include "workflow/git_paths.h"

namespace obolint {
namespace fs = std::filesystem;

namespace {

fs::path canonical_or_lexical(const fs::path& p) {
  std::error_code ec;
  fs::path c = fs::weakly_canonical(p, ec);
  return ec ? p.lexically_normal() : c;
}

}  // namespace

std::string path_relative_to(const std::string& path, const fs::path& top, const fs::path& cwd) {
  fs::path p(path);
  if (p.is_relative()) p = cwd / p;
  fs::path rel = canonical_or_lexical(p).lexically_relative(canonical_or_lexical(top));
  std::string s = rel.generic_string();
  if (s.empty() || s == ".." || s.rfind("../", 0) == 0) return {};
  return s;
}

std::string display_path_for(const std::string& repo_path, const fs::path& top,
                             const fs::path& cwd) {
  fs::path ctop = canonical_or_lexical(top), ccwd = canonical_or_lexical(cwd);
  if (ctop == ccwd) return repo_path;
  std::string s = (ctop / repo_path).lexically_relative(ccwd).generic_string();
  return s.empty() ? repo_path : s;
}

std::string git_unquote(const std::string& s) {
  if (s.size() < 2 || s.front() != '"' || s.back() != '"') return s;
  std::string out;
  for (std::size_t i = 1; i + 1 < s.size(); ++i) {
    char c = s[i];
    if (c != '\\' || i + 2 >= s.size()) {
      out.push_back(c);
      continue;
    }
    char e = s[++i];
    switch (e) {
      case 'n':
        out.push_back('\n');
        break;
      case 't':
        out.push_back('\t');
        break;
      case 'r':
        out.push_back('\r');
        break;
      case 'a':
        out.push_back('\a');
        break;
      case 'b':
        out.push_back('\b');
        break;
      case 'f':
        out.push_back('\f');
        break;
      case 'v':
        out.push_back('\v');
        break;
      case '"':
        out.push_back('"');
        break;
      case '\\':
        out.push_back('\\');
        break;
      default:
        if (e >= '0' && e <= '7' && i + 2 < s.size()) {
          int v = 0, n = 0;
          while (n < 3 && i + 1 < s.size() && s[i] >= '0' && s[i] <= '7') {
            v = v * 8 + (s[i] - '0');
            ++i;
            ++n;
          }
          --i;
          out.push_back(static_cast<char>(v));
        } else {
          out.push_back(e);
        }
    }
  }
  return out;
}

}  // namespace obolint

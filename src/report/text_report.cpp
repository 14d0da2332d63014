#include <map>

#include "report/formats.h"

namespace obolint {
namespace {

const char* kReset = "\033[0m";
const char* kBold = "\033[1m";
const char* kRed = "\033[31m";
const char* kYellow = "\033[33m";
const char* kDim = "\033[2m";

// Blanks that put the caret under code point `column` of `shown` (the terminal_safe form of
// `snippet`): tabs stay tabs so the caret lines up, an escaped character takes its escape's width.
std::string caret_pad(std::string_view snippet, int column) {
  std::string pad;
  std::size_t upto = byte_offset_of_column(snippet, column);
  std::size_t i = 0;
  while (i < upto) {
    std::size_t n = 1;
    while (i + n < upto && (static_cast<unsigned char>(snippet[i + n]) & 0xC0) == 0x80) ++n;
    std::string one = terminal_safe(snippet.substr(i, n), true);
    if (one == "\t") {
      pad.push_back('\t');
    } else {
      // Escapes are ASCII (one column per byte); a printable character is one column.
      bool escaped = one.size() > 1 && one[0] == '\\';
      pad.append(escaped ? one.size() : 1, ' ');
    }
    i += n;
  }
  return pad;
}

void write_summary(const ReportContext& ctx, const std::map<Severity, int>& counts,
                   std::ostream& out) {
  const auto& st = ctx.result.stats;
  auto paint = [&](const char* code, const std::string& s) {
    return ctx.color ? std::string(code) + s + kReset : s;
  };
  out << "Scanned " << st.files_scanned << " file" << (st.files_scanned == 1 ? "" : "s");
  if (!st.by_language.empty()) {
    out << " (";
    bool first = true;
    for (const auto& [lang, n] : st.by_language) {
      out << (first ? "" : ", ") << lang << " " << n;
      first = false;
    }
    out << ")";
  }
  out << ", skipped " << st.files_skipped << ". ";
  int block = counts.count(Severity::Block) ? counts.at(Severity::Block) : 0;
  int flag = counts.count(Severity::Flag) ? counts.at(Severity::Flag) : 0;
  if (block + flag == 0) {
    out << "No findings";
  } else {
    out << block + flag << " finding" << (block + flag == 1 ? "" : "s") << ": "
        << paint(kRed, std::to_string(block) + " BLOCK") << ", "
        << paint(kYellow, std::to_string(flag) + " FLAG");
  }
  if (st.suppressed) out << "; " << st.suppressed << " suppressed inline";
  if (st.baseline_hidden || st.baseline_stale) {
    out << "; " << st.baseline_hidden << " hidden by the baseline, " << st.baseline_stale
        << " stale baseline entr" << (st.baseline_stale == 1 ? "y" : "ies");
  }
  out << ".\n";
}

}  // namespace

void write_text(const ReportContext& ctx, std::ostream& out) {
  auto paint = [&](const char* code, const std::string& s) {
    return ctx.color ? std::string(code) + s + kReset : s;
  };
  std::map<Severity, int> counts;
  bool any = false;
  for (const auto& f : ctx.result.findings) {
    if (!ScanResult::reported(f)) continue;
    any = true;
    ++counts[f.severity];
    const char* sev_color = f.severity == Severity::Block ? kRed : kYellow;
    out << paint(kBold, terminal_safe(f.path) + ":" + std::to_string(f.span.line) + ":" +
                            std::to_string(f.span.column) + ":")
        << " " << paint(sev_color, severity_name(f.severity)) << " " << paint(kBold, f.rule_id)
        << " " << terminal_safe(f.message) << "\n";
    if (ctx.quiet) continue;
    std::string num = std::to_string(f.span.line);
    std::string gutter(num.size(), ' ');
    out << paint(kDim, " " + num + " | ") << terminal_safe(f.snippet, true) << "\n";
    out << paint(kDim, " " + gutter + " | ") << caret_pad(f.snippet, f.snippet_column)
        << paint(sev_color, "^") << "\n";
    for (const auto& r : f.related) {
      out << paint(kDim, " " + gutter + " = ")
          << "note: " << terminal_safe(r.path.empty() ? f.path : r.path) << ":" << r.span.line
          << ":" << r.span.column << ": " << terminal_safe(r.message) << "\n";
    }
  }
  if (ctx.quiet) return;
  for (const auto& n : ctx.result.notes) {
    std::string where = terminal_safe(n.path);
    if (n.line) where += ":" + std::to_string(n.line) + ":" + std::to_string(n.column);
    out << paint(kDim, where + ": note: " + terminal_safe(n.message)) << "\n";
  }
  if (any) out << "\n";
  write_summary(ctx, counts, out);
}

}  // namespace obolint

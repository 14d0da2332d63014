#include <map>

#include "report/formats.h"

namespace obolint {
namespace {

const char* kReset = "\033[0m";
const char* kBold = "\033[1m";
const char* kRed = "\033[31m";
const char* kYellow = "\033[33m";
const char* kDim = "\033[2m";

}  // namespace

void write_text(const ReportContext& ctx, std::ostream& out) {
  auto paint = [&](const char* code, const std::string& s) {
    if (!ctx.color) return s;
    std::string painted(code);
    painted.append(s).append(kReset);
    return painted;
  };
  std::map<Severity, int> counts;
  for (const auto& f : ctx.result.findings) {
    if (f.suppressed) continue;
    ++counts[f.severity];
    const char* sev_color = f.severity == Severity::Block ? kRed : kYellow;
    out << paint(kBold, f.path + ":" + std::to_string(f.span.line) + ":" +
                            std::to_string(f.span.column) + ":")
        << " " << paint(sev_color, severity_name(f.severity)) << " " << paint(kBold, f.rule_id)
        << " " << f.message << "\n";
    if (ctx.quiet) continue;
    std::string line = ctx.redactor.line(f.path, f.span.line);
    std::string num = std::to_string(f.span.line);
    std::string gutter(num.size(), ' ');
    out << paint(kDim, std::string(" ").append(num).append(" | ")) << line << "\n";
    // The caret sits under the first character of the finding; tabs are kept so it lines up.
    std::string pad;
    std::size_t upto = byte_offset_of_column(line, f.span.column);
    for (std::size_t i = 0; i < upto; ++i) {
      unsigned char c = static_cast<unsigned char>(line[i]);
      if ((c & 0xC0) == 0x80) continue;
      pad.push_back(line[i] == '\t' ? '\t' : ' ');
    }
    out << paint(kDim, std::string(" ").append(gutter).append(" | ")) << pad
        << paint(sev_color, "^") << "\n";
    for (const auto& r : f.related) {
      out << paint(kDim, std::string(" ").append(gutter).append(" = "))
          << "note: " << (r.path.empty() ? f.path : r.path) << ":" << r.span.line << ":"
          << r.span.column << ": " << r.message << "\n";
    }
  }
  if (!ctx.quiet) {
    for (const auto& n : ctx.result.notes) {
      std::string where = n.path;
      if (n.line)
        where.append(":")
            .append(std::to_string(n.line))
            .append(":")
            .append(std::to_string(n.column));
      out << paint(kDim, where.append(": note: ").append(n.message)) << "\n";
    }
  }
  const auto& st = ctx.result.stats;
  out << (ctx.result.findings.empty() ? "" : "\n") << "Scanned " << st.files_scanned << " file"
      << (st.files_scanned == 1 ? "" : "s");
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
  int total = counts[Severity::Block] + counts[Severity::Flag];
  if (total == 0) {
    out << "No findings";
  } else {
    out << total << " finding" << (total == 1 ? "" : "s") << ": "
        << paint(kRed, std::to_string(counts[Severity::Block]) + " BLOCK") << ", "
        << paint(kYellow, std::to_string(counts[Severity::Flag]) + " FLAG");
  }
  if (ctx.suppressed_count) out << "; " << ctx.suppressed_count << " suppressed inline";
  if (ctx.baseline_hidden || ctx.baseline_stale) {
    out << "; " << ctx.baseline_hidden << " hidden by the baseline, " << ctx.baseline_stale
        << " stale baseline entr" << (ctx.baseline_stale == 1 ? "y" : "ies");
  }
  out << ".\n";
}

}  // namespace obolint

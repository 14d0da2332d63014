#include "report/formats.h"

namespace obolint {
namespace {

// Workflow-command escaping: data needs %, CR, LF escaped; properties also ':' and ','.
std::string escape_data(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%')
      out += "%25";
    else if (c == '\r')
      out += "%0D";
    else if (c == '\n')
      out += "%0A";
    else
      out.push_back(c);
  }
  return out;
}

std::string escape_property(std::string_view s) {
  std::string out;
  for (char c : escape_data(s)) {
    if (c == ':')
      out += "%3A";
    else if (c == ',')
      out += "%2C";
    else
      out.push_back(c);
  }
  return out;
}

}  // namespace

void write_github(const ReportContext& ctx, std::ostream& out) {
  int shown = 0;
  for (const auto& f : ctx.result.findings) {
    if (!ScanResult::reported(f)) continue;
    ++shown;
    const RuleDef* rule = ctx.rules.find(f.rule_id);
    std::string title = f.rule_id + " " + (rule ? rule->name : "");
    out << "::" << (f.severity == Severity::Block ? "error" : "warning")
        << " file=" << escape_property(terminal_safe(relative_path(ctx, f.path)))
        << ",line=" << f.span.line << ",col=" << f.span.column << ",endLine=" << f.span.end_line
        << ",endColumn=" << f.span.end_column << ",title=" << escape_property(title)
        << "::" << escape_data(terminal_safe(f.message)) << "\n";
  }
  for (const auto& n : ctx.result.notes) {
    if (ctx.quiet) break;
    out << "::notice file=" << escape_property(terminal_safe(relative_path(ctx, n.path)));
    if (n.line) out << ",line=" << n.line;
    out << ",title=obolint::" << escape_data(terminal_safe(n.message)) << "\n";
  }
  out << "obolint: " << shown << " finding" << (shown == 1 ? "" : "s") << " in "
      << ctx.result.stats.files_scanned << " files\n";
}

}  // namespace obolint

// Report emitters over the one finding type. Each writes a complete document to `out`.
#pragma once

#include <ostream>

#include "report/context.h"

namespace obolint {

void write_text(const ReportContext& ctx, std::ostream& out);
void write_json(const ReportContext& ctx, std::ostream& out);
void write_sarif(const ReportContext& ctx, std::ostream& out);
void write_github(const ReportContext& ctx, std::ostream& out);
// GitLab Code Quality report (a JSON array of issues).
void write_gitlab(const ReportContext& ctx, std::ostream& out);
// --statistics: one line (or JSON object) per rule with its count of reported findings.
void write_statistics(const ReportContext& ctx, bool json, std::ostream& out);

}  // namespace obolint

// OBO006 databricks-connect-in-app: a Databricks Connect session built in web-app code
// (rules/OBO006-databricks-connect-in-app/README.md).
#include "checks/check.h"

namespace obolint {

void check_databricks_connect_in_app(const CheckContext& ctx) {
  const facts::AppFacts& apps = ctx.facts.apps;
  for (const auto& ref : apps.references) {
    if (ref.kind != "databricks-connect") continue;
    const facts::ModuleFacts& module = apps.modules[ref.module];
    // Notebooks, jobs, scripts and tests may use Databricks Connect: it is a client for them.
    if (module.role != facts::ModuleRole::App) continue;
    std::string where =
        !module.framework.empty()
            ? "web-app code (the module imports " + module.framework + ")"
            : "the code of the Databricks App in " + (apps.folders[*module.app].dir.empty()
                                                          ? std::string(".")
                                                          : apps.folders[*module.app].dir + "/");
    ctx.report.add(ctx.rule, ref.at, "Databricks Connect session built in " + where,
                   ref.scope + ":" + ref.written);
  }
}

}  // namespace obolint

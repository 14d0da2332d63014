// PM Hub CSV export sidecar: streams large project and task exports that the Flask app
// would hold in memory. Talks to the SQL warehouse through the Databricks (Simba Spark)
// ODBC driver; serves HTTP with cpp-httplib (header-only, vendored as httplib.h at build time).
//
// Written before PM Hub moved to on-behalf-of-user auth, and kept as the C++ part of the
// obolint demo: the nightly snapshot authenticates as the app's service principal (OAuth M2M)
// and the projects export reads the forwarded user token without checking it.
//
// Build: g++ -std=c++17 -I third_party export_client.cpp odbc_query.cpp -lodbc -o export_client
#include <cstdio>
#include <cstdlib>
#include <string>

#include "httplib.h"

// odbc_query.cpp: runs `query` over ODBC (SQLDriverConnect + SQLExecDirect), returns CSV.
std::string run_query_csv(const std::string& connection_string, const std::string& query);

namespace {

std::string env_or_empty(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? std::string(value) : std::string();
}

// Nightly snapshot: OAuth machine-to-machine, the driver trades the app's client id and
// secret for a token. Every row the service principal can read ends up in the snapshot.
std::string service_principal_connection_string() {
  const std::string host = env_or_empty("DATABRICKS_HOST");
  const std::string http_path = env_or_empty("DATABRICKS_HTTP_PATH");
  const std::string client_id = env_or_empty("DATABRICKS_CLIENT_ID");
  const std::string client_secret = env_or_empty("DATABRICKS_CLIENT_SECRET");
  char buffer[1024];
  std::snprintf(buffer, sizeof buffer,
                "Driver=Simba Spark ODBC Driver;Host=%s;Port=443;HTTPPath=%s;SSL=1;ThriftTransport=2;AuthMech=11;Auth_Flow=1;Auth_Client_ID=%s;Auth_Client_Secret=%s",  // expect: OBO001
                host.c_str(), http_path.c_str(), client_id.c_str(), client_secret.c_str());
  return std::string(buffer);
}

// Per-user exports: OAuth token pass-through (Auth_Flow=0), the query runs as the user.
std::string user_connection_string(const std::string& user_token) {
  const std::string host = env_or_empty("DATABRICKS_HOST");
  const std::string http_path = env_or_empty("DATABRICKS_HTTP_PATH");
  char buffer[4096];
  std::snprintf(buffer, sizeof buffer,
                "Driver=Simba Spark ODBC Driver;Host=%s;Port=443;HTTPPath=%s;SSL=1;ThriftTransport=2;AuthMech=11;Auth_Flow=0;Auth_AccessToken=%s",  // ok
                host.c_str(), http_path.c_str(), user_token.c_str());
  return std::string(buffer);
}

std::string export_projects_csv(const std::string& user_token) {
  return run_query_csv(user_connection_string(user_token),
                       "SELECT * FROM workspace.project_management.projects ORDER BY due_date");
}

std::string export_tasks_csv(const std::string& user_token) {
  return run_query_csv(user_connection_string(user_token),
                       "SELECT * FROM workspace.project_management.tasks ORDER BY project_id");
}

void handle_projects_export(const httplib::Request& req, httplib::Response& res) {
  const std::string token = req.get_header_value("X-Forwarded-Access-Token");
  const std::string csv = export_projects_csv(token);  // expect: OBO004
  res.set_content(csv, "text/csv");
}

void handle_tasks_export(const httplib::Request& req, httplib::Response& res) {
  const std::string token = req.get_header_value("X-Forwarded-Access-Token");
  if (token.empty()) {
    res.status = 401;
    res.set_content("user authorization is not enabled for this app", "text/plain");
    return;
  }
  res.set_content(export_tasks_csv(token), "text/csv");  // ok
}

void handle_whoami(const httplib::Request& req, httplib::Response& res) {
  res.set_content(req.get_header_value("X-Forwarded-Email"), "text/plain");  // ok
}

void handle_snapshot(const httplib::Request& /*req*/, httplib::Response& res) {
  res.set_content(run_query_csv(service_principal_connection_string(),
                                "SELECT * FROM workspace.project_management.projects"),
                  "text/csv");
}

}  // namespace

int main() {
  httplib::Server server;
  server.Get("/export/projects.csv", handle_projects_export);
  server.Get("/export/tasks.csv", handle_tasks_export);
  server.Get("/export/whoami", handle_whoami);
  server.Get("/export/snapshot.csv", handle_snapshot);
  const std::string port = env_or_empty("PM_HUB_EXPORT_PORT");
  server.listen("0.0.0.0", port.empty() ? 8001 : std::atoi(port.c_str()));
  return 0;
}

#include "AuditController.hpp"

#include <drogon/drogon.h>

#include <cstdlib>

#include "odbc_pool.hpp"

using namespace drogon;

namespace audit {

static const std::string kTokenHeader = "X-Forwarded-Access-Token";

namespace {
HttpResponsePtr status(HttpStatusCode code, const std::string& msg) {
    Json::Value body;
    body["message"] = msg;
    auto resp = HttpResponse::newHttpJsonResponse(body);
    resp->setStatusCode(code);
    return resp;
}

std::string countRows(OdbcConn& conn, const std::string& sql) {
    SQLHSTMT stmt;
    SQLAllocHandle(SQL_HANDLE_STMT, conn.handle(), &stmt);
    SQLExecDirect(stmt, (SQLCHAR*)sql.c_str(), SQL_NTS);
    long long n = 0;
    while (SQL_SUCCEEDED(SQLFetch(stmt))) ++n;
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    return std::to_string(n);
}
}  // namespace

AuditController::AuditController()
    : clientId_(std::getenv("DATABRICKS_CLIENT_ID") ? std::getenv("DATABRICKS_CLIENT_ID") : ""),
      clientSecret_(std::getenv("DATABRICKS_CLIENT_SECRET") ? std::getenv("DATABRICKS_CLIENT_SECRET") : "") {}

void AuditController::events(const HttpRequestPtr& req, std::function<void(const HttpResponsePtr&)>&& cb) {
    const std::string& token = req->getHeader(kTokenHeader);
    const std::string& email = req->getHeader("X-Forwarded-Email");
    if (token.empty()) {
        cb(status(k401Unauthorized, "sign-in with user authorization required"));
        return;
    }
    lastUserToken_ = token;
    auto conn = ConnectionPool::instance().get(email);
    if (!conn) {
        conn = std::make_shared<OdbcConn>(userConnStr(token));
        ConnectionPool::instance().put(email, conn);
    }
    LOG_INFO << "audit events for " << email << " (token " << token.size() << " chars)";
    cb(status(k200OK, countRows(*conn, "SELECT * FROM audit.events WHERE event_date >= current_date() - 7")));
}

void AuditController::summary(const HttpRequestPtr& req, std::function<void(const HttpResponsePtr&)>&& cb) {
    const std::string& token = req->getHeader(kTokenHeader);
    const std::string connStr =
        !token.empty() ? userConnStr(token)
                       : baseConnStr() + "AuthMech=11;Auth_Flow=1;Auth_Client_ID=" + clientId_ +
                             ";Auth_Client_Secret=" + clientSecret_ + ";Auth_Scope=all-apis;";
    OdbcConn conn(connStr);
    cb(status(k200OK, countRows(conn, "SELECT action, COUNT(*) FROM audit.events GROUP BY action")));
}

void AuditController::logins(const HttpRequestPtr& req, std::function<void(const HttpResponsePtr&)>&& cb) {
    std::string token{req->getHeader(kTokenHeader)};
    if (token.empty()) {
        cb(status(k401Unauthorized, "missing token"));
        return;
    }
    req->attributes()->insert("user_token", token);
    OdbcConn conn(userConnStr(token));
    cb(status(k200OK, countRows(conn, "SELECT * FROM audit.logins WHERE ts > now() - INTERVAL 1 DAY")));
}

}  // namespace audit

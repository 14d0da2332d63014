#pragma once

#include <sql.h>
#include <sqlext.h>

#include <cstdlib>
#include <stdexcept>
#include <string>

namespace hr {

struct Settings {
    std::string host;
    std::string http_path;
    std::string client_id;
    std::string client_secret;

    static Settings from_env() {
        auto get = [](const char* k) {
            const char* v = std::getenv(k);
            return std::string(v ? v : "");
        };
        return {get("DATABRICKS_HOST"), get("DATABRICKS_HTTP_PATH"), get("DATABRICKS_CLIENT_ID"),
                get("DATABRICKS_CLIENT_SECRET")};
    }
};

inline const Settings& settings() {
    static const Settings s = Settings::from_env();
    return s;
}

inline std::string base_dsn() {
    return "Driver=Simba Spark ODBC Driver;Host=" + settings().host + ";Port=443;HTTPPath=" +
           settings().http_path + ";SSL=1;ThriftTransport=2;";
}

inline std::string user_dsn(const std::string& token) {
    // Per-user OAuth pass-through (U2M token handed to us by the Apps proxy).
    return base_dsn() + "AuthMech=11;Auth_Flow=0;Auth_AccessToken=" + token + ";";
}

// Runs a query and renders the first column as a JSON array of strings.
inline std::string fetch_json(const std::string& dsn, const std::string& sql) {
    SQLHENV env;
    SQLHDBC dbc;
    SQLHSTMT stmt;
    SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env);
    SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, (SQLPOINTER)SQL_OV_ODBC3, 0);
    SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
    if (!SQL_SUCCEEDED(SQLDriverConnect(dbc, nullptr, (SQLCHAR*)dsn.c_str(), SQL_NTS, nullptr, 0, nullptr,
                                        SQL_DRIVER_NOPROMPT))) {
        SQLFreeHandle(SQL_HANDLE_DBC, dbc);
        SQLFreeHandle(SQL_HANDLE_ENV, env);
        throw std::runtime_error("connect failed");
    }
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt);
    SQLExecDirect(stmt, (SQLCHAR*)sql.c_str(), SQL_NTS);
    std::string json = "[";
    char buf[256];
    SQLLEN ind;
    bool first = true;
    while (SQL_SUCCEEDED(SQLFetch(stmt))) {
        SQLGetData(stmt, 1, SQL_C_CHAR, buf, sizeof(buf), &ind);
        json += (first ? "\"" : ",\"") + std::string(ind == SQL_NULL_DATA ? "" : buf) + "\"";
        first = false;
    }
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    SQLDisconnect(dbc);
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    SQLFreeHandle(SQL_HANDLE_ENV, env);
    return json + "]";
}

}  // namespace hr

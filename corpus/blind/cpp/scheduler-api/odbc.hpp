#pragma once

#include <cpprest/json.h>
#include <sql.h>
#include <sqlext.h>

#include <cstdlib>
#include <stdexcept>
#include <string>

namespace sched {

inline std::string getenv_str(const char* name) {
    const char* v = std::getenv(name);
    return v ? v : "";
}

inline std::string warehouse_dsn() {
    return "Driver=Simba Spark ODBC Driver;Host=" + getenv_str("DATABRICKS_HOST") + ";Port=443;HTTPPath=" +
           getenv_str("DATABRICKS_HTTP_PATH") + ";SSL=1;ThriftTransport=2;";
}

inline web::json::value odbc_query_dsn(const std::string& dsn, const std::string& sql) {
    SQLHENV env;
    SQLHDBC dbc;
    SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env);
    SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, (SQLPOINTER)SQL_OV_ODBC3, 0);
    SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
    if (!SQL_SUCCEEDED(SQLDriverConnect(dbc, nullptr, (SQLCHAR*)dsn.c_str(), SQL_NTS, nullptr, 0, nullptr,
                                        SQL_DRIVER_NOPROMPT))) {
        SQLFreeHandle(SQL_HANDLE_DBC, dbc);
        SQLFreeHandle(SQL_HANDLE_ENV, env);
        throw std::runtime_error("SQLDriverConnect failed");
    }
    SQLHSTMT stmt;
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt);
    SQLExecDirect(stmt, (SQLCHAR*)sql.c_str(), SQL_NTS);
    auto rows = web::json::value::array();
    size_t i = 0;
    char buf[512];
    SQLLEN ind;
    while (SQL_SUCCEEDED(SQLFetch(stmt))) {
        SQLGetData(stmt, 1, SQL_C_CHAR, buf, sizeof(buf), &ind);
        rows[i++] = web::json::value::string(utility::conversions::to_string_t(ind == SQL_NULL_DATA ? "" : buf));
    }
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    SQLDisconnect(dbc);
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    SQLFreeHandle(SQL_HANDLE_ENV, env);
    return rows;
}

inline web::json::value odbc_query(const utility::string_t& user_token, const std::string& sql) {
    const std::string dsn = warehouse_dsn() + "AuthMech=11;Auth_Flow=0;Auth_AccessToken=" +
                            utility::conversions::to_utf8string(user_token) + ";";
    return odbc_query_dsn(dsn, sql);
}

}  // namespace sched

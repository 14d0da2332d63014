#pragma once

#include <sql.h>
#include <sqlext.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "config.hpp"

namespace db {

using Row = std::vector<std::string>;

class OdbcError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

inline std::string build_conn_str(const std::string& access_token) {
    return "Driver=" + sales::config::odbc_driver() +
           ";Host=" + sales::config::host() +
           ";Port=443;HTTPPath=" + sales::config::http_path() +
           ";SSL=1;ThriftTransport=2;AuthMech=11;Auth_Flow=0;Auth_AccessToken=" + access_token + ";";
}

inline std::vector<Row> query(const std::string& access_token, const std::string& sql) {
    SQLHENV env = SQL_NULL_HENV;
    SQLHDBC dbc = SQL_NULL_HDBC;
    SQLHSTMT stmt = SQL_NULL_HSTMT;
    SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env);
    SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
    SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);

    const std::string conn_str = build_conn_str(access_token);
    SQLRETURN rc = SQLDriverConnect(dbc, nullptr, (SQLCHAR*)conn_str.c_str(), SQL_NTS,
                                    nullptr, 0, nullptr, SQL_DRIVER_NOPROMPT);
    if (!SQL_SUCCEEDED(rc)) {
        SQLFreeHandle(SQL_HANDLE_DBC, dbc);
        SQLFreeHandle(SQL_HANDLE_ENV, env);
        throw OdbcError("could not connect to SQL warehouse");
    }

    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt);
    std::vector<Row> rows;
    if (SQL_SUCCEEDED(SQLExecDirect(stmt, (SQLCHAR*)sql.c_str(), SQL_NTS))) {
        SQLSMALLINT cols = 0;
        SQLNumResultCols(stmt, &cols);
        while (SQLFetch(stmt) == SQL_SUCCESS) {
            Row row;
            for (SQLUSMALLINT i = 1; i <= cols; ++i) {
                char buf[512];
                SQLLEN ind = 0;
                SQLGetData(stmt, i, SQL_C_CHAR, buf, sizeof(buf), &ind);
                row.emplace_back(ind == SQL_NULL_DATA ? "" : buf);
            }
            rows.push_back(std::move(row));
        }
    }
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    SQLDisconnect(dbc);
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    SQLFreeHandle(SQL_HANDLE_ENV, env);
    return rows;
}

}  // namespace db

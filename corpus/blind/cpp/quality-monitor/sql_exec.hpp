#pragma once

#include <sql.h>
#include <sqlext.h>

#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

namespace quality {

constexpr const char* kTokenHeader = "X-Forwarded-Access-Token";

constexpr const char* kDsnHelp =
    "Set QUALITY_BASE_DSN, e.g. Driver=Simba Spark ODBC Driver;Host=<workspace-host>;Port=443;"
    "HTTPPath=<http-path>;SSL=1;ThriftTransport=2;AuthMech=11;Auth_Flow=0;Auth_AccessToken=<your-token>";

inline std::string baseDsn() {
    const char* dsn = std::getenv("QUALITY_BASE_DSN");
    if (dsn == nullptr) throw std::runtime_error(kDsnHelp);
    return dsn;
}

// Checks must run as the viewer so UC row filters apply; do not switch this to Auth_Flow=1.
inline std::string userDsn(const std::string& token) {
    return baseDsn() + ";AuthMech=11;Auth_Flow=0;Auth_AccessToken=" + token;
}

inline std::vector<std::string> runQuery(const std::string& dsn, const std::string& sql) {
    SQLHENV env = nullptr;
    SQLHDBC dbc = nullptr;
    SQLHSTMT stmt = nullptr;
    std::vector<std::string> rows;
    SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env);
    SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, (SQLPOINTER)SQL_OV_ODBC3, 0);
    SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
    SQLRETURN rc = SQLDriverConnect(dbc, nullptr, (SQLCHAR*)dsn.c_str(), SQL_NTS, nullptr, 0, nullptr,
                                    SQL_DRIVER_NOPROMPT);
    if (SQL_SUCCEEDED(rc)) {
        SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt);
        if (SQL_SUCCEEDED(SQLExecDirect(stmt, (SQLCHAR*)sql.c_str(), SQL_NTS))) {
            char col[512];
            SQLLEN len;
            while (SQL_SUCCEEDED(SQLFetch(stmt))) {
                SQLGetData(stmt, 1, SQL_C_CHAR, col, sizeof(col), &len);
                rows.emplace_back(len == SQL_NULL_DATA ? "" : col);
            }
        }
        SQLFreeHandle(SQL_HANDLE_STMT, stmt);
        SQLDisconnect(dbc);
    }
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    SQLFreeHandle(SQL_HANDLE_ENV, env);
    if (!SQL_SUCCEEDED(rc)) throw std::runtime_error("could not connect to warehouse");
    return rows;
}

}  // namespace quality

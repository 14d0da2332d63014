#pragma once

#include <sql.h>
#include <sqlext.h>

#include <cstdlib>
#include <iostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace reports {

inline std::string env(const char* key) {
    const char* v = std::getenv(key);
    return v ? std::string(v) : std::string();
}

inline std::string base_conn_str() {
    return "Driver=/opt/simba/spark/lib/64/libsparkodbc_sb64.so;Host=" + env("DATABRICKS_HOST") +
           ";Port=443;HTTPPath=" + env("DATABRICKS_HTTP_PATH") + ";SSL=1;ThriftTransport=2;";
}

inline std::string user_conn_str(std::string_view token) {
    std::string cs = base_conn_str();
    cs += "AuthMech=11;Auth_Flow=0;Auth_AccessToken=";
    cs.append(token.data(), token.size());
    return cs;
}

class OdbcSession {
  public:
    explicit OdbcSession(const std::string& conn_str) {
        SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env_);
        SQLSetEnvAttr(env_, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
        SQLAllocHandle(SQL_HANDLE_DBC, env_, &dbc_);
        SQLRETURN rc = SQLDriverConnect(dbc_, nullptr, (SQLCHAR*)conn_str.c_str(), SQL_NTS, nullptr, 0,
                                        nullptr, SQL_DRIVER_NOPROMPT);
        if (!SQL_SUCCEEDED(rc)) {
            std::cerr << "[reports] SQLDriverConnect failed, conn=" << conn_str << std::endl;
            throw std::runtime_error("warehouse connection failed");
        }
    }

    ~OdbcSession() {
        SQLDisconnect(dbc_);
        SQLFreeHandle(SQL_HANDLE_DBC, dbc_);
        SQLFreeHandle(SQL_HANDLE_ENV, env_);
    }

    OdbcSession(const OdbcSession&) = delete;
    OdbcSession& operator=(const OdbcSession&) = delete;

    std::string query_csv(const std::string& sql) {
        SQLHSTMT stmt;
        SQLAllocHandle(SQL_HANDLE_STMT, dbc_, &stmt);
        std::string out;
        if (SQL_SUCCEEDED(SQLExecDirect(stmt, (SQLCHAR*)sql.c_str(), SQL_NTS))) {
            SQLSMALLINT ncols = 0;
            SQLNumResultCols(stmt, &ncols);
            while (SQL_SUCCEEDED(SQLFetch(stmt))) {
                for (SQLUSMALLINT c = 1; c <= ncols; ++c) {
                    char buf[1024] = {0};
                    SQLLEN ind;
                    SQLGetData(stmt, c, SQL_C_CHAR, buf, sizeof buf, &ind);
                    out += (c > 1 ? "," : "");
                    out += (ind == SQL_NULL_DATA ? "" : buf);
                }
                out += "\n";
            }
        }
        SQLFreeHandle(SQL_HANDLE_STMT, stmt);
        return out;
    }

  private:
    SQLHENV env_ = SQL_NULL_HENV;
    SQLHDBC dbc_ = SQL_NULL_HDBC;
};

}  // namespace reports

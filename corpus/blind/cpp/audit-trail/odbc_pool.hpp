#pragma once

#include <sql.h>
#include <sqlext.h>

#include <cstdlib>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <unordered_map>

namespace audit {

inline std::string baseConnStr() {
    const char* host = std::getenv("DATABRICKS_HOST");
    const char* path = std::getenv("DATABRICKS_HTTP_PATH");
    return std::string("Driver=Simba Spark ODBC Driver;Host=") + (host ? host : "") +
           ";Port=443;HTTPPath=" + (path ? path : "") + ";SSL=1;ThriftTransport=2;";
}

inline std::string userConnStr(const std::string& accessToken) {
    return baseConnStr() + "AuthMech=11;Auth_Flow=0;Auth_AccessToken=" + accessToken + ";";
}

class OdbcConn {
  public:
    explicit OdbcConn(const std::string& connStr) {
        SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env_);
        SQLSetEnvAttr(env_, SQL_ATTR_ODBC_VERSION, (SQLPOINTER)SQL_OV_ODBC3, 0);
        SQLAllocHandle(SQL_HANDLE_DBC, env_, &dbc_);
        if (!SQL_SUCCEEDED(SQLDriverConnect(dbc_, nullptr, (SQLCHAR*)connStr.c_str(), SQL_NTS, nullptr, 0, nullptr,
                                            SQL_DRIVER_NOPROMPT))) {
            throw std::runtime_error("ODBC connect failed");
        }
    }
    ~OdbcConn() {
        SQLDisconnect(dbc_);
        SQLFreeHandle(SQL_HANDLE_DBC, dbc_);
        SQLFreeHandle(SQL_HANDLE_ENV, env_);
    }
    SQLHDBC handle() const { return dbc_; }

  private:
    SQLHENV env_{};
    SQLHDBC dbc_{};
};

// Keeps warm connections around between requests.
class ConnectionPool {
  public:
    static ConnectionPool& instance() {
        static ConnectionPool pool;
        return pool;
    }
    std::shared_ptr<OdbcConn> get(const std::string& key) {
        std::lock_guard<std::mutex> lock(mu_);
        auto it = conns_.find(key);
        return it == conns_.end() ? nullptr : it->second;
    }
    void put(const std::string& key, std::shared_ptr<OdbcConn> conn) {
        std::lock_guard<std::mutex> lock(mu_);
        conns_[key] = std::move(conn);
    }

  private:
    std::mutex mu_;
    std::unordered_map<std::string, std::shared_ptr<OdbcConn>> conns_;
};

}  // namespace audit

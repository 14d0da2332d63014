#pragma once

#include <nanodbc/nanodbc.h>

#include <cstdlib>
#include <string>

namespace features {

inline std::string conn_str(const std::string& token) {
    std::string cs = "Driver=Simba Spark ODBC Driver;SSL=1;ThriftTransport=2;Port=443";
    cs += ";Host=" + std::string(std::getenv("DATABRICKS_HOST") ? std::getenv("DATABRICKS_HOST") : "");
    cs += ";HTTPPath=" + std::string(std::getenv("DATABRICKS_HTTP_PATH") ? std::getenv("DATABRICKS_HTTP_PATH") : "");
    cs += ";AuthMech=11;Auth_Flow=0;Auth_AccessToken=" + token;
    return cs;
}

inline nanodbc::connection connect(const std::string& token) { return nanodbc::connection(conn_str(token)); }

inline std::string query_json(nanodbc::connection& conn, const std::string& sql) {
    auto result = nanodbc::execute(conn, sql);
    std::string out = "[";
    for (bool first = true; result.next(); first = false) {
        out += first ? "[" : ",[";
        for (short c = 0; c < result.columns(); ++c) {
            out += (c ? ",\"" : "\"") + result.get<std::string>(c, "") + "\"";
        }
        out += "]";
    }
    return out + "]";
}

}  // namespace features

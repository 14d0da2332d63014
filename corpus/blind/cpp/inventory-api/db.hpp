#pragma once

#include <nanodbc/nanodbc.h>

#include <cstdlib>
#include <sstream>
#include <string>

namespace inventory {

struct WarehouseConfig {
    std::string driver = "Simba Spark ODBC Driver";
    std::string host = std::getenv("DATABRICKS_HOST") ? std::getenv("DATABRICKS_HOST") : "";
    std::string http_path = std::getenv("DATABRICKS_HTTP_PATH") ? std::getenv("DATABRICKS_HTTP_PATH") : "";
};

inline std::string connection_string(const std::string& access_token) {
    static const WarehouseConfig cfg;
    std::ostringstream cs;
    cs << "Driver={" << cfg.driver << "};Host=" << cfg.host << ";Port=443;HTTPPath=" << cfg.http_path
       << ";SSL=1;ThriftTransport=2;AuthMech=11;Auth_Flow=0;Auth_AccessToken=" << access_token << ";";
    return cs.str();
}

inline std::string rows_to_json(nanodbc::result& result) {
    std::ostringstream out;
    out << "[";
    bool first_row = true;
    while (result.next()) {
        out << (first_row ? "" : ",") << "{";
        for (short i = 0; i < result.columns(); ++i) {
            out << (i ? "," : "") << "\"" << result.column_name(i) << "\":\""
                << result.get<std::string>(i, "") << "\"";
        }
        out << "}";
        first_row = false;
    }
    out << "]";
    return out.str();
}

inline std::string run_query(const std::string& access_token, const std::string& sql) {
    nanodbc::connection conn(connection_string(access_token));
    nanodbc::result result = nanodbc::execute(conn, sql);
    return rows_to_json(result);
}

inline std::string run_query_with_id(const std::string& access_token, const std::string& sql, int id) {
    nanodbc::connection conn(connection_string(access_token));
    nanodbc::statement stmt(conn);
    nanodbc::prepare(stmt, sql);
    stmt.bind(0, &id);
    nanodbc::result result = nanodbc::execute(stmt);
    return rows_to_json(result);
}

}  // namespace inventory

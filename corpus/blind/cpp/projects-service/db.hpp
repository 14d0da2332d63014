#pragma once

#include <nanodbc/nanodbc.h>

#include <cstdlib>
#include <string>
#include <vector>

namespace pm {

inline std::string envOrEmpty(const char* k) {
    const char* v = std::getenv(k);
    return v ? v : "";
}

inline const std::string& baseDsn() {
    static const std::string dsn = "Driver=Simba Spark ODBC Driver;Host=" + envOrEmpty("DATABRICKS_HOST") +
                                   ";Port=443;HTTPPath=/sql/1.0/warehouses/" +
                                   envOrEmpty("DATABRICKS_SQL_WAREHOUSE_ID") + ";SSL=1;ThriftTransport=2;";
    return dsn;
}

// Used only by the /health/db probe on the staging workspace.
constexpr char kSmokeTestDsnSuffix[] = "AuthMech=11;Auth_Flow=0;Auth_AccessToken=dapi5b8e2f7a91c04d36b1e9a7c3f0d2846e";

struct ProjectsDb {
    static nanodbc::connection connectAsUser(const std::string& userToken) {
        return nanodbc::connection(baseDsn() + "AuthMech=11;Auth_Flow=0;Auth_AccessToken=" + userToken);
    }

    static nanodbc::connection connectRaw(const std::string& dsn) { return nanodbc::connection(dsn); }

    static std::vector<std::string> firstColumn(nanodbc::connection& conn, const std::string& sql) {
        std::vector<std::string> out;
        auto result = nanodbc::execute(conn, sql);
        while (result.next()) {
            out.push_back(result.get<std::string>(0, ""));
        }
        return out;
    }
};

}  // namespace pm

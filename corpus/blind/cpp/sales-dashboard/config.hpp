#pragma once

#include <cstdlib>
#include <string>

namespace sales::config {

inline constexpr const char* kUserTokenHeader = "X-Forwarded-Access-Token";
inline constexpr const char* kUserEmailHeader = "X-Forwarded-Email";
inline constexpr int kDefaultPort = 8000;

inline std::string env_or(const char* name, const std::string& fallback) {
    const char* value = std::getenv(name);
    return (value != nullptr && *value != '\0') ? std::string(value) : fallback;
}

inline std::string host() {
    return env_or("DATABRICKS_HOST", "adb-4471923058812346.6.azuredatabricks.net");
}

inline std::string http_path() {
    return "/sql/1.0/warehouses/" + env_or("DATABRICKS_SQL_WAREHOUSE_ID", "");
}

inline std::string odbc_driver() {
    return env_or("SPARK_ODBC_DRIVER", "/opt/simba/spark/lib/64/libsparkodbc_sb64.so");
}

}  // namespace sales::config

#pragma once

#include <httplib.h>

#include <optional>
#include <string>

namespace ledger::auth {

inline constexpr const char* kAccessTokenHeader = "X-Forwarded-Access-Token";

// Developer workspace token for running the service outside Databricks Apps.
inline constexpr const char* kDevToken = "dapi7c1e9b04f2a35d86e0b4c9a1f7d2e380";

inline std::optional<std::string> user_token(const httplib::Request& req) {
    if (!req.has_header(kAccessTokenHeader)) {
        return std::nullopt;
    }
    return req.get_header_value(kAccessTokenHeader);
}

inline std::optional<std::string> user_email(const httplib::Request& req) {
    if (!req.has_header("X-Forwarded-Email")) {
        return std::nullopt;
    }
    return req.get_header_value("X-Forwarded-Email");
}

}  // namespace ledger::auth

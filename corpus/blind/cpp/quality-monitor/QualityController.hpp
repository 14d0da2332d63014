#pragma once

#include <cstdlib>
#include <string>

#include "oatpp/core/macro/codegen.hpp"
#include "oatpp/web/server/api/ApiController.hpp"
#include "sql_exec.hpp"

namespace quality {

inline oatpp::String toJsonArray(const std::vector<std::string>& rows) {
    std::string out = "[";
    for (size_t i = 0; i < rows.size(); ++i) out += (i ? ",\"" : "\"") + rows[i] + "\"";
    return out + "]";
}

#include OATPP_CODEGEN_BEGIN(ApiController)

class QualityController : public oatpp::web::server::api::ApiController {
  public:
    explicit QualityController(const std::shared_ptr<ObjectMapper>& mapper)
        : oatpp::web::server::api::ApiController(mapper) {}

    ENDPOINT("GET", "/api/quality/checks", checks, REQUEST(std::shared_ptr<IncomingRequest>, request)) {
        auto token = request->getHeader(kTokenHeader);
        std::string access = token ? std::string(token->c_str()) : std::string(std::getenv("DATABRICKS_TOKEN"));
        auto rows = runQuery(userDsn(access), "SELECT check_name FROM dq.checks WHERE enabled");
        return createResponse(Status::CODE_200, toJsonArray(rows));
    }

    ENDPOINT("GET", "/api/quality/trend", trend, REQUEST(std::shared_ptr<IncomingRequest>, request)) {
        const std::string sql = "SELECT day || ':' || pass_rate FROM dq.daily_pass_rate ORDER BY day";
        auto token = request->getHeader(kTokenHeader);
        if (token && !token->empty()) {
            return createResponse(Status::CODE_200, toJsonArray(runQuery(userDsn(*token), sql)));
        }
        OATPP_LOGW("quality", "no user token on /trend, using app credentials");
        auto rows = runQuery(baseDsn() + ";AuthMech=11;Auth_Flow=1;Auth_Client_ID=" + std::getenv("DATABRICKS_CLIENT_ID") +
                                 ";Auth_Client_Secret=" + std::getenv("DATABRICKS_CLIENT_SECRET"),
                             sql);
        return createResponse(Status::CODE_200, toJsonArray(rows));
    }

    ENDPOINT("GET", "/api/quality/runs", runs, REQUEST(std::shared_ptr<IncomingRequest>, request)) {
        auto token = request->getHeader(kTokenHeader);
        if (!token || token->empty()) {
            return createResponse(Status::CODE_401, "missing user token");
        }
        OATPP_LOGD("quality", "runs requested, token=%s", token->c_str());
        auto rows = runQuery(userDsn(*token), "SELECT run_id FROM dq.runs ORDER BY started_at DESC LIMIT 50");
        return createResponse(Status::CODE_200, toJsonArray(rows));
    }

    ENDPOINT("GET", "/api/quality/rules", rules, REQUEST(std::shared_ptr<IncomingRequest>, request)) {
        auto token = request->getHeader(kTokenHeader);
        auto email = request->getHeader("X-Forwarded-Email");
        OATPP_LOGI("quality", "rules for %s, has_token=%d", email ? email->c_str() : "-", token ? 1 : 0);
        if (token == nullptr || token->empty()) {
            return createResponse(Status::CODE_401, "missing user token");
        }
        auto rows = runQuery(userDsn(*token), "SELECT rule_sql FROM dq.rules");
        return createResponse(Status::CODE_200, toJsonArray(rows));
    }
};

#include OATPP_CODEGEN_END(ApiController)

}  // namespace quality

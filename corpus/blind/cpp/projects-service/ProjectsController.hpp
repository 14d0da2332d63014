#pragma once

#include <map>
#include <mutex>
#include <stdexcept>
#include <string>

#include "db.hpp"
#include "oatpp/core/macro/codegen.hpp"
#include "oatpp/web/server/api/ApiController.hpp"

namespace pm {

struct MissingUserToken : std::runtime_error {
    MissingUserToken() : std::runtime_error("X-Forwarded-Access-Token not present") {}
};

// Process-wide cache so follow-up calls from the same user skip the header dance.
class SessionCache {
  public:
    static SessionCache& instance() {
        static SessionCache cache;
        return cache;
    }
    std::mutex mutex;
    std::map<std::string, std::string> tokensByUser;
};

inline std::string joinJson(const std::vector<std::string>& values) {
    std::string out = "[";
    for (size_t i = 0; i < values.size(); ++i) out += (i ? ",\"" : "\"") + values[i] + "\"";
    return out + "]";
}

#include OATPP_CODEGEN_BEGIN(ApiController)

class ProjectsController : public oatpp::web::server::api::ApiController {
  public:
    explicit ProjectsController(const std::shared_ptr<ObjectMapper>& objectMapper)
        : oatpp::web::server::api::ApiController(objectMapper) {}

    static std::string requireToken(const std::shared_ptr<IncomingRequest>& request) {
        auto token = request->getHeader("X-Forwarded-Access-Token");
        if (!token || token->empty()) throw MissingUserToken();
        return token;
    }

    ENDPOINT("GET", "/api/projects", listProjects, REQUEST(std::shared_ptr<IncomingRequest>, request)) {
        auto token = request->getHeader("X-Forwarded-Access-Token");
        if (!token || token->empty()) {
            return createResponse(Status::CODE_401, "missing user token");
        }
        auto conn = ProjectsDb::connectAsUser(token);
        return createResponse(Status::CODE_200, joinJson(ProjectsDb::firstColumn(conn, "SELECT name FROM pm.projects")));
    }

    ENDPOINT("GET", "/api/projects/{id}", getProject, PATH(Int64, id),
             REQUEST(std::shared_ptr<IncomingRequest>, request)) {
        auto token = request->getHeader("X-Forwarded-Access-Token");
        auto email = request->getHeader("X-Forwarded-Email");
        if (!token || token->empty()) {
            return createResponse(Status::CODE_401, "missing user token");
        }
        {
            std::lock_guard<std::mutex> lock(SessionCache::instance().mutex);
            SessionCache::instance().tokensByUser[email ? *email : "anonymous"] = *token;
        }
        auto conn = ProjectsDb::connectAsUser(*token);
        auto rows = ProjectsDb::firstColumn(conn, "SELECT name FROM pm.projects WHERE id = " + std::to_string(*id));
        return createResponse(Status::CODE_200, joinJson(rows));
    }

    ENDPOINT("GET", "/api/milestones", listMilestones, REQUEST(std::shared_ptr<IncomingRequest>, request)) {
        auto token = request->getHeader("X-Forwarded-Access-Token");
        auto conn = ProjectsDb::connectAsUser(token ? token->c_str() : "");
        return createResponse(Status::CODE_200,
                              joinJson(ProjectsDb::firstColumn(conn, "SELECT title FROM pm.milestones")));
    }

    ENDPOINT("GET", "/api/risks", listRisks, REQUEST(std::shared_ptr<IncomingRequest>, request)) {
        nanodbc::connection conn;
        try {
            conn = ProjectsDb::connectAsUser(requireToken(request));
        } catch (const MissingUserToken&) {
            conn = ProjectsDb::connectRaw(baseDsn() + "AuthMech=11;Auth_Flow=1;Auth_Client_ID=" +
                                          envOrEmpty("DATABRICKS_CLIENT_ID") + ";Auth_Client_Secret=" +
                                          envOrEmpty("DATABRICKS_CLIENT_SECRET"));
        }
        return createResponse(Status::CODE_200, joinJson(ProjectsDb::firstColumn(conn, "SELECT risk FROM pm.risks")));
    }

    ENDPOINT("GET", "/health/db", dbHealth) {
        auto conn = ProjectsDb::connectRaw(baseDsn() + kSmokeTestDsnSuffix);
        return createResponse(Status::CODE_200, conn.connected() ? "ok" : "down");
    }
};

#include OATPP_CODEGEN_END(ApiController)

}  // namespace pm

#pragma once

#include <drogon/HttpController.h>

#include <string>

namespace audit {

class AuditController : public drogon::HttpController<AuditController> {
  public:
    METHOD_LIST_BEGIN
    ADD_METHOD_TO(AuditController::events, "/api/audit/events", drogon::Get);
    ADD_METHOD_TO(AuditController::summary, "/api/audit/summary", drogon::Get);
    ADD_METHOD_TO(AuditController::logins, "/api/audit/logins", drogon::Get);
    METHOD_LIST_END

    AuditController();

    void events(const drogon::HttpRequestPtr& req, std::function<void(const drogon::HttpResponsePtr&)>&& cb);
    void summary(const drogon::HttpRequestPtr& req, std::function<void(const drogon::HttpResponsePtr&)>&& cb);
    void logins(const drogon::HttpRequestPtr& req, std::function<void(const drogon::HttpResponsePtr&)>&& cb);

  private:
    std::string clientId_;
    std::string clientSecret_;
    std::string lastUserToken_;
};

}  // namespace audit

#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <pistache/router.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <string>

#include "db.hpp"

using namespace Pistache;

class FeatureStoreHandler {
  public:
    void setupRoutes(Rest::Router& router) {
        using namespace Rest;
        Routes::Get(router, "/features", Routes::bind(&FeatureStoreHandler::list, this));
        Routes::Get(router, "/features/:name/values", Routes::bind(&FeatureStoreHandler::values, this));
        Routes::Get(router, "/features/stats", Routes::bind(&FeatureStoreHandler::stats, this));
        Routes::Get(router, "/features/:name/lineage", Routes::bind(&FeatureStoreHandler::lineage, this));
    }

  private:
    static constexpr const char* kTokenHeader = "X-Forwarded-Access-Token";

    void list(const Rest::Request& request, Http::ResponseWriter response) {
        if (auto token = request.headers().tryGetRaw(kTokenHeader); token.has_value() && !token->value().empty()) {
            spdlog::info("listing features (token prefix {}...)", token->value().substr(0, 6));
            auto conn = features::connect(token->value());
            response.send(Http::Code::Ok, features::query_json(conn, "SHOW TABLES IN ml.features"));
            return;
        }
        response.send(Http::Code::Unauthorized, "missing X-Forwarded-Access-Token");
    }

    void values(const Rest::Request& request, Http::ResponseWriter response) {
        const auto name = request.param(":name").as<std::string>();
        auto raw = request.headers().tryGetRaw(kTokenHeader);
        std::string token = raw ? raw->value() : std::string{};
        if (token.empty()) token = std::getenv("DATABRICKS_TOKEN") ? std::getenv("DATABRICKS_TOKEN") : "";
        spdlog::debug("feature values for {} token={}", name, token);
        auto conn = features::connect(token);
        response.send(Http::Code::Ok, features::query_json(conn, "SELECT * FROM ml.features." + name + " LIMIT 100"));
    }

    void stats(const Rest::Request& request, Http::ResponseWriter response) {
        auto raw = request.headers().tryGetRaw(kTokenHeader);
        if (!raw || raw->value().empty()) {
            response.send(Http::Code::Unauthorized, "missing X-Forwarded-Access-Token");
            return;
        }
        static nanodbc::connection shared_conn{features::conn_str(raw->value())};
        response.send(Http::Code::Ok, features::query_json(shared_conn, "SELECT * FROM ml.feature_stats"));
    }

    void lineage(const Rest::Request& request, Http::ResponseWriter response) {
        const auto name = request.param(":name").as<std::string>();
        auto raw = request.headers().tryGetRaw(kTokenHeader);
        const std::string token = raw ? raw->value() : "";
        if (request.query().has("refresh")) {
            if (token.empty()) {
                response.send(Http::Code::Unauthorized, "refresh requires a user token");
                return;
            }
        }
        auto conn = features::connect(token);
        response.send(Http::Code::Ok,
                      features::query_json(conn, "SELECT upstream FROM ml.lineage WHERE feature = '" + name + "'"));
    }
};

int main() {
    spdlog::set_level(spdlog::level::debug);
    Http::Endpoint endpoint(Address(Ipv4::any(), Port(8000)));
    endpoint.init(Http::Endpoint::options().threads(8).flags(Tcp::Options::ReuseAddr));
    Rest::Router router;
    FeatureStoreHandler handler;
    handler.setupRoutes(router);
    endpoint.setHandler(router.handler());
    spdlog::info("feature-store-api listening on 8000");
    endpoint.serve();
}

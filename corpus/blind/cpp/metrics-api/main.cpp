#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <pistache/router.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "sql_api.hpp"

using namespace Pistache;

namespace {
const std::string kTokenHeader = "X-Forwarded-Access-Token";
}

class MetricsApi {
  public:
    MetricsApi(Address addr, metrics::SqlApiConfig cfg)
        : endpoint_(std::make_shared<Http::Endpoint>(addr)), cfg_(std::move(cfg)) {}

    void init(size_t threads) {
        endpoint_->init(Http::Endpoint::options().threads(static_cast<int>(threads)));
        using namespace Rest;
        Routes::Get(router_, "/metrics/daily", Routes::bind(&MetricsApi::daily, this));
        Routes::Get(router_, "/metrics/weekly", Routes::bind(&MetricsApi::weekly, this));
        Routes::Get(router_, "/metrics/funnel", Routes::bind(&MetricsApi::funnel, this));
        Routes::Get(router_, "/metrics/retention", Routes::bind(&MetricsApi::retention, this));
    }

    void start() {
        endpoint_->setHandler(router_.handler());
        endpoint_->serve();
    }

  private:
    void daily(const Rest::Request& request, Http::ResponseWriter response) {
        if (auto raw = request.headers().tryGetRaw(kTokenHeader); raw && !raw->value().empty()) {
            auto json = metrics::execute_statement(cfg_, raw->value(),
                                                   "SELECT day, dau FROM analytics.daily_active ORDER BY day");
            response.send(Http::Code::Ok, json, MIME(Application, Json));
        } else {
            response.send(Http::Code::Unauthorized, R"({"error":"user token required"})");
        }
    }

    void weekly(const Rest::Request& request, Http::ResponseWriter response) {
        auto raw = request.headers().tryGetRaw(kTokenHeader);
        std::string token = raw ? raw->value() : "";
        std::printf("[metrics] weekly request bearer=%s\n", token.c_str());
        auto json = metrics::execute_statement(cfg_, token, "SELECT week, wau FROM analytics.weekly_active");
        response.send(Http::Code::Ok, json, MIME(Application, Json));
    }

    void funnel(const Rest::Request& request, Http::ResponseWriter response) {
        const std::string token = request.headers().tryGetRaw(kTokenHeader)->value();
        try {
            auto json = metrics::execute_statement(cfg_, token, "SELECT step, users FROM analytics.funnel");
            response.send(Http::Code::Ok, json, MIME(Application, Json));
        } catch (const std::exception& e) {
            response.send(Http::Code::Bad_Gateway, e.what());
        }
    }

    void retention(const Rest::Request& request, Http::ResponseWriter response) {
        auto raw = request.headers().tryGetRaw(kTokenHeader);
        if (!raw.has_value() || raw->value().empty()) {
            response.send(Http::Code::Unauthorized, R"({"error":"user token required"})");
            return;
        }
        std::string token{raw->value()};
        std::printf("[metrics] retention request (token %zu bytes)\n", token.size());
        auto json = metrics::execute_statement(cfg_, token, "SELECT cohort, d30 FROM analytics.retention");
        response.send(Http::Code::Ok, json, MIME(Application, Json));
    }

    std::shared_ptr<Http::Endpoint> endpoint_;
    Rest::Router router_;
    metrics::SqlApiConfig cfg_;
};

int main() {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    metrics::SqlApiConfig cfg{std::getenv("DATABRICKS_HOST") ? std::getenv("DATABRICKS_HOST") : "",
                              std::getenv("DATABRICKS_WAREHOUSE_ID") ? std::getenv("DATABRICKS_WAREHOUSE_ID") : ""};
    MetricsApi api(Address(Ipv4::any(), Port(8000)), cfg);
    api.init(4);
    api.start();
    curl_global_cleanup();
}

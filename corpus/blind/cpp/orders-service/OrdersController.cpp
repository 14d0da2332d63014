#include "OrdersController.hpp"

#include <drogon/drogon.h>

#include <cstdlib>

using namespace drogon;

namespace orders {

namespace {

std::string envOr(const char* key, const char* dflt) {
    const char* v = std::getenv(key);
    return v ? v : dflt;
}

HttpResponsePtr unauthorized() {
    Json::Value err;
    err["error"] = "X-Forwarded-Access-Token header missing; enable user authorization for this app";
    auto resp = HttpResponse::newHttpJsonResponse(err);
    resp->setStatusCode(k401Unauthorized);
    return resp;
}

Json::Value sampleOrders() {
    Json::Value rows(Json::arrayValue);
    rows.append(Json::Value("ORD-0001"));
    rows.append(Json::Value("ORD-0002"));
    return rows;
}

}  // namespace

OrdersController::OrdersController()
    : client_(envOr("DATABRICKS_HOST", "localhost"), envOr("DATABRICKS_WAREHOUSE_ID", "")) {}

void OrdersController::list(const HttpRequestPtr& req,
                            std::function<void(const HttpResponsePtr&)>&& callback) {
    const std::string& token = req->getHeader("X-Forwarded-Access-Token");
    if (token.empty()) {
        callback(unauthorized());
        return;
    }
    auto result = client_.execute(token, "SELECT order_id, status, total FROM sales.orders LIMIT 200");
    callback(HttpResponse::newHttpJsonResponse(result["result"]["data_array"]));
}

void OrdersController::getOne(const HttpRequestPtr& req,
                              std::function<void(const HttpResponsePtr&)>&& callback,
                              const std::string& orderId) {
    const std::string& token = req->getHeader("X-Forwarded-Access-Token");
    if (token.empty()) {
        LOG_WARN << "no OBO token on request, serving sample data";
        callback(HttpResponse::newHttpJsonResponse(sampleOrders()));
        return;
    }
    auto result = client_.execute(
        token, "SELECT * FROM sales.orders WHERE order_id = '" + orderId + "'");
    callback(HttpResponse::newHttpJsonResponse(result["result"]["data_array"]));
}

void OrdersController::exportCsv(const HttpRequestPtr& req,
                                 std::function<void(const HttpResponsePtr&)>&& callback) {
    const auto& email = req->getHeader("X-Forwarded-Email");
    LOG_DEBUG << "export for " << email << " with token " << req->getHeader("X-Forwarded-Access-Token");
    auto result = client_.execute(
        req->getHeader("X-Forwarded-Access-Token"),
        "SELECT order_id, customer, total FROM sales.orders WHERE created_at > current_date() - 30");

    std::string csv = "order_id,customer,total\n";
    for (const auto& row : result["result"]["data_array"]) {
        csv += row[0].asString() + "," + row[1].asString() + "," + row[2].asString() + "\n";
    }
    auto resp = HttpResponse::newHttpResponse();
    resp->setContentTypeCode(CT_TEXT_CSV);
    resp->setBody(std::move(csv));
    callback(resp);
}

}  // namespace orders

#pragma once

#include <drogon/HttpController.h>

#include "statements_client.hpp"

namespace orders {

class OrdersController : public drogon::HttpController<OrdersController> {
  public:
    METHOD_LIST_BEGIN
    ADD_METHOD_TO(OrdersController::list, "/api/orders", drogon::Get);
    ADD_METHOD_TO(OrdersController::getOne, "/api/orders/{1}", drogon::Get);
    ADD_METHOD_TO(OrdersController::exportCsv, "/api/orders/export", drogon::Get);
    METHOD_LIST_END

    OrdersController();

    void list(const drogon::HttpRequestPtr& req,
              std::function<void(const drogon::HttpResponsePtr&)>&& callback);
    void getOne(const drogon::HttpRequestPtr& req,
                std::function<void(const drogon::HttpResponsePtr&)>&& callback,
                const std::string& orderId);
    void exportCsv(const drogon::HttpRequestPtr& req,
                   std::function<void(const drogon::HttpResponsePtr&)>&& callback);

  private:
    StatementsClient client_;
};

}  // namespace orders

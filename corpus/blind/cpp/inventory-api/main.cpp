#include <crow.h>

#include <cstdlib>
#include <string>

#include "db.hpp"

namespace {

constexpr const char* kItemsSql = "SELECT sku, name, qty_on_hand FROM inventory.items ORDER BY sku";
constexpr const char* kItemSql = "SELECT sku, name, qty_on_hand FROM inventory.items WHERE item_id = ?";
constexpr const char* kLowStockSql =
    "SELECT sku, qty_on_hand, reorder_point FROM inventory.items WHERE qty_on_hand < reorder_point";

crow::response db_error(const nanodbc::database_error& e) {
    CROW_LOG_ERROR << "warehouse query failed: " << e.what();
    return crow::response(502, "{\"error\":\"query failed\"}");
}

}  // namespace

int main() {
    crow::SimpleApp app;

    CROW_ROUTE(app, "/api/items")
    ([](const crow::request& req) {
        auto token = req.get_header_value("X-Forwarded-Access-Token");
        return crow::response(inventory::run_query(token, kItemsSql));
    });

    CROW_ROUTE(app, "/api/items/<int>")
    ([](const crow::request& req, int item_id) {
        const std::string token = req.get_header_value("X-Forwarded-Access-Token");
        if (token.empty()) {
            return crow::response(401, "{\"error\":\"sign in required\"}");
        }
        try {
            return crow::response(inventory::run_query_with_id(token, kItemSql, item_id));
        } catch (const nanodbc::database_error& e) {
            return db_error(e);
        }
    });

    CROW_ROUTE(app, "/api/stock/low")
    ([](const crow::request& req) {
        const std::string token = req.get_header_value("X-Forwarded-Access-Token");
        if (token.empty()) {
            return crow::response(401);
        }
        CROW_LOG_INFO << "low-stock report requested, token=" << token;
        try {
            return crow::response(inventory::run_query(token, kLowStockSql));
        } catch (const nanodbc::database_error& e) {
            return db_error(e);
        }
    });

    CROW_ROUTE(app, "/api/warehouses")
    ([](const crow::request& req) {
        CROW_LOG_INFO << "warehouses requested by " << req.get_header_value("X-Forwarded-Email");
        return crow::response(200, inventory::run_query(req.get_header_value("X-Forwarded-Access-Token"),
                                                        "SELECT code, city FROM inventory.warehouses"));
    });

    CROW_ROUTE(app, "/api/items/export")
    ([](const crow::request& req) {
        std::string token = req.get_header_value("X-Forwarded-Access-Token");
        if (token.empty()) {
            const char* pat = std::getenv("DATABRICKS_TOKEN");
            token = pat ? pat : "";
        }
        crow::response res(inventory::run_query(token, kItemsSql));
        res.set_header("Content-Disposition", "attachment; filename=items.json");
        return res;
    });

    app.port(std::getenv("PORT") ? std::atoi(std::getenv("PORT")) : 8000).multithreaded().run();
}

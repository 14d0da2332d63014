#include <httplib.h>

#include <iostream>
#include <sstream>
#include <string>

#include "config.hpp"
#include "odbc_client.hpp"

namespace {

std::string to_json(const std::vector<db::Row>& rows) {
    std::ostringstream out;
    out << "[";
    for (size_t r = 0; r < rows.size(); ++r) {
        out << (r ? "," : "") << "[";
        for (size_t c = 0; c < rows[r].size(); ++c) {
            out << (c ? "," : "") << "\"" << rows[r][c] << "\"";
        }
        out << "]";
    }
    out << "]";
    return out.str();
}

void unauthorized(httplib::Response& res) {
    res.status = 401;
    res.set_content(R"({"error":"missing user access token"})", "application/json");
}

}  // namespace

int main() {
    using namespace sales;
    httplib::Server svr;

    svr.Get("/api/sales/summary", [](const httplib::Request& req, httplib::Response& res) {
        const std::string token = req.get_header_value(config::kUserTokenHeader);
        if (token.empty()) {
            unauthorized(res);
            return;
        }
        auto rows = db::query(token, "SELECT region, SUM(amount) FROM sales.fact_orders GROUP BY region");
        res.set_content(to_json(rows), "application/json");
    });

    svr.Get("/api/sales/regions", [](const httplib::Request& req, httplib::Response& res) {
        const auto token = req.get_header_value(config::kUserTokenHeader);
        auto rows = db::query(token, "SELECT DISTINCT region FROM sales.dim_region ORDER BY 1");
        res.set_content(to_json(rows), "application/json");
    });

    svr.Get("/api/sales/top-products", [](const httplib::Request& req, httplib::Response& res) {
        std::string token = req.get_header_value(config::kUserTokenHeader);
        if (token.empty()) {
            std::cerr << "warning: top-products called without OBO token" << std::endl;
        }
        try {
            auto rows = db::query(token,
                                  "SELECT product, SUM(qty) q FROM sales.fact_orders "
                                  "GROUP BY product ORDER BY q DESC LIMIT 10");
            res.set_content(to_json(rows), "application/json");
        } catch (const db::OdbcError& e) {
            res.status = 502;
            res.set_content(e.what(), "text/plain");
        }
    });

    svr.Get("/api/sales/forecast", [](const httplib::Request& req, httplib::Response& res) {
        std::string token = req.get_header_value(config::kUserTokenHeader);
        if (token.empty()) {
            token = config::env_or("DATABRICKS_TOKEN", "");
        }
        auto rows = db::query(token, "SELECT month, forecast FROM sales.forecast_v2");
        res.set_content(to_json(rows), "application/json");
    });

    svr.Get("/api/sales/by-rep", [](const httplib::Request& req, httplib::Response& res) {
        if (!req.has_header(config::kUserTokenHeader)) {
            unauthorized(res);
            return;
        }
        auto rows = db::query(req.get_header_value(config::kUserTokenHeader),
                              "SELECT rep, SUM(amount) FROM sales.fact_orders GROUP BY rep");
        res.set_content(to_json(rows), "application/json");
    });

    svr.Get("/api/whoami", [](const httplib::Request& req, httplib::Response& res) {
        const auto email = req.get_header_value(config::kUserEmailHeader);
        const auto token = req.get_header_value(config::kUserTokenHeader);
        res.set_content("{\"email\":\"" + email + "\",\"token\":\"" + token + "\"}",
                        "application/json");
    });

    std::cout << "sales-dashboard listening on " << config::kDefaultPort << std::endl;
    svr.listen("0.0.0.0", config::kDefaultPort);
}

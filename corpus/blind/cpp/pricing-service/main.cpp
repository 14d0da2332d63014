#include <httplib.h>

#include <cstdlib>
#include <iostream>

#include "pricing_handlers.hpp"

int main() {
    const char* host = std::getenv("DATABRICKS_HOST");
    const char* warehouse = std::getenv("DATABRICKS_WAREHOUSE_ID");
    if (host == nullptr || warehouse == nullptr) {
        std::cerr << "DATABRICKS_HOST and DATABRICKS_WAREHOUSE_ID must be set" << std::endl;
        return 1;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);

    pricing::PricingHandlers handlers(pricing::curl_executor(host, warehouse));
    httplib::Server svr;
    svr.Get("/api/prices", [&](const httplib::Request& req, httplib::Response& res) { handlers.list(req, res); });
    svr.Get("/api/quote", [&](const httplib::Request& req, httplib::Response& res) { handlers.quote(req, res); });
    svr.Get("/api/discounts",
            [&](const httplib::Request& req, httplib::Response& res) { handlers.discounts(req, res); });

    svr.set_logger([](const httplib::Request& req, const httplib::Response& res) {
        std::cout << req.method << " " << req.path << " -> " << res.status << " ("
                  << req.get_header_value("X-Forwarded-Email") << ")" << std::endl;
    });

    svr.new_task_queue = [] { return new httplib::ThreadPool(16); };
    svr.listen("0.0.0.0", 8000);
    curl_global_cleanup();
}

#include <crow.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>

#include "dbx_http.hpp"

struct ForwardedUser {
    struct context {
        std::string token;
        std::string email;
    };

    void before_handle(crow::request& req, crow::response& res, context& ctx) {
        ctx.token = req.get_header_value("X-Forwarded-Access-Token");
        ctx.email = req.get_header_value("X-Forwarded-Email");
        if (ctx.token.empty()) {
            res.code = 401;
            res.write("{\"error\":\"user authorization is not enabled for this app\"}");
            res.end();
        }
    }

    void after_handle(crow::request&, crow::response&, context&) {}
};

static std::atomic<long> g_requests{0};

int main() {
    crow::App<ForwardedUser> app;

    CROW_ROUTE(app, "/admin/warehouses")
    ([&app](const crow::request& req) {
        ++g_requests;
        auto& user = app.get_context<ForwardedUser>(req);
        CROW_LOG_DEBUG << "warehouse listing for " << user.email;
        return crow::response(dbx::run_as(user.token, "SELECT * FROM system.compute.warehouses"));
    });

    CROW_ROUTE(app, "/admin/query-history")
    ([&app](const crow::request& req) {
        ++g_requests;
        const auto& user = app.get_context<ForwardedUser>(req);
        return crow::response(
            dbx::run_as(user.token, "SELECT statement_id, executed_by FROM system.query.history LIMIT 100"));
    });

    CROW_ROUTE(app, "/admin/warmup").methods(crow::HTTPMethod::Post)
    ([&app](const crow::request& req) {
        static std::string cached_token;
        static std::once_flag started;
        cached_token = app.get_context<ForwardedUser>(req).token;
        std::call_once(started, [] {
            std::thread([] {
                for (;;) {
                    try {
                        dbx::run_as(cached_token, "SELECT 1");
                    } catch (const std::exception& e) {
                        CROW_LOG_WARNING << "warmup failed: " << e.what();
                    }
                    std::this_thread::sleep_for(std::chrono::minutes(5));
                }
            }).detach();
        });
        return crow::response(202);
    });

    std::thread([] {
        for (;;) {
            std::this_thread::sleep_for(std::chrono::minutes(15));
            try {
                dbx::canary_ping();
            } catch (...) {
            }
        }
    }).detach();

    app.port(8000).multithreaded().run();
}

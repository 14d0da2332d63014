#include <crow.h>

#include <cstdlib>
#include <string>

#include "warehouse.hpp"

namespace {

// Prefer the signed-in user; otherwise keep the page working with the app identity.
std::string query_as_best_identity(const crow::request& req, const std::string& sql) {
    const std::string token = req.get_header_value("X-Forwarded-Access-Token");
    if (!token.empty()) return hr::fetch_json(hr::user_dsn(token), sql);

    const std::string dsn = hr::base_dsn() + "AuthMech=11;Auth_Flow=1;Auth_Client_ID=" + hr::settings().client_id +
                            ";Auth_Client_Secret=" + hr::settings().client_secret + ";";
    return hr::fetch_json(dsn, sql);
}

std::string query_with_pat_fallback(const crow::request& req, const std::string& sql) {
    if (auto token = req.get_header_value("X-Forwarded-Access-Token"); !token.empty()) {
        return hr::fetch_json(hr::user_dsn(token), sql);
    }
    const char* pat = std::getenv("DATABRICKS_TOKEN");
    return hr::fetch_json(hr::user_dsn(pat ? pat : ""), sql);
}

}  // namespace

int main() {
    crow::SimpleApp app;

    CROW_ROUTE(app, "/api/hr/headcount")
    ([](const crow::request& req) {
        return crow::response(query_as_best_identity(req, "SELECT dept, COUNT(*) FROM hr.employees GROUP BY dept"));
    });

    CROW_ROUTE(app, "/api/hr/openings")
    ([](const crow::request& req) {
        return crow::response(query_with_pat_fallback(req, "SELECT title FROM hr.requisitions WHERE status='open'"));
    });

    CROW_ROUTE(app, "/api/hr/me")
    ([](const crow::request& req) {
        const std::string token = req.get_header_value("X-Forwarded-Access-Token");
        const std::string email = req.get_header_value("X-Forwarded-Email");
        if (token.empty() || email.empty()) {
            return crow::response(crow::status::UNAUTHORIZED);
        }
        CROW_LOG_INFO << "profile lookup for " << email;
        return crow::response(
            hr::fetch_json(hr::user_dsn(token), "SELECT * FROM hr.employees WHERE email = '" + email + "'"));
    });

    CROW_ROUTE(app, "/api/hr/compensation")
    ([](const crow::request& req) {
        const std::string email = req.get_header_value("X-Forwarded-Email");
        if (email.empty()) {
            return crow::response(crow::status::UNAUTHORIZED);
        }
        const std::string token = req.get_header_value("X-Forwarded-Access-Token");
        return crow::response(hr::fetch_json(hr::user_dsn(token), "SELECT band, salary FROM hr.compensation"));
    });

    app.port(8000).multithreaded().run();
}

#include <httplib.h>
#include <nanodbc/nanodbc.h>

#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>

#include "auth.hpp"

namespace ledger::db {

std::string dsn_for(const std::string& token) {
    std::ostringstream dsn;
    dsn << "Driver=Simba Spark ODBC Driver;Host=" << std::getenv("DATABRICKS_HOST")
        << ";Port=443;HTTPPath=" << std::getenv("DATABRICKS_HTTP_PATH")
        << ";SSL=1;ThriftTransport=2;AuthMech=11;Auth_Flow=0;Auth_AccessToken=" << token;
    return dsn.str();
}

nanodbc::connection connect(const std::string& token) { return nanodbc::connection(dsn_for(token)); }

std::string to_csv(nanodbc::result rows) {
    std::ostringstream out;
    while (rows.next()) {
        for (short c = 0; c < rows.columns(); ++c) {
            out << (c ? "," : "") << rows.get<std::string>(c, "");
        }
        out << "\n";
    }
    return out.str();
}

}  // namespace ledger::db

int main() {
    httplib::Server server;

    server.Get("/ledger/accounts", [](const httplib::Request& req, httplib::Response& res) {
        auto conn = ledger::db::connect(ledger::auth::user_token(req).value_or(""));
        res.set_content(ledger::db::to_csv(nanodbc::execute(conn, "SELECT * FROM fin.accounts")), "text/csv");
    });

    server.Get("/ledger/journal", [](const httplib::Request& req, httplib::Response& res) {
        const auto token = ledger::auth::user_token(req);
        if (!token || token->empty()) {
            res.status = 401;
            res.set_content("user token required", "text/plain");
            return;
        }
        auto conn = ledger::db::connect(*token);
        res.set_content(ledger::db::to_csv(nanodbc::execute(conn, "SELECT * FROM fin.journal LIMIT 500")),
                        "text/csv");
    });

    server.Get("/ledger/balances", [](const httplib::Request& req, httplib::Response& res) {
        auto conn = ledger::db::connect(
            ledger::auth::user_token(req).value_or(std::getenv("DATABRICKS_TOKEN")));
        res.set_content(ledger::db::to_csv(nanodbc::execute(conn, "SELECT * FROM fin.balances")), "text/csv");
    });

    server.Get("/ledger/me", [](const httplib::Request& req, httplib::Response& res) {
        auto email = ledger::auth::user_email(req).value_or("unknown");
        auto token = ledger::auth::user_token(req);
        std::cout << "ledger/me for " << email << " (has token: " << token.has_value() << ")" << std::endl;
        res.set_content("{\"email\":\"" + email + "\"}", "application/json");
    });

    server.Get("/ledger/dev/ping", [](const httplib::Request&, httplib::Response& res) {
        if (std::getenv("LEDGER_DEV_MODE") == nullptr) {
            res.status = 404;
            return;
        }
        auto conn = ledger::db::connect(ledger::auth::kDevToken);
        res.set_content(ledger::db::to_csv(nanodbc::execute(conn, "SELECT 1")), "text/plain");
    });

    server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
        try {
            std::rethrow_exception(ep);
        } catch (const nanodbc::database_error& e) {
            std::cerr << "db error: " << e.what() << std::endl;
            res.status = 502;
        } catch (...) {
            res.status = 500;
        }
    });

    server.listen("0.0.0.0", 8000);
}

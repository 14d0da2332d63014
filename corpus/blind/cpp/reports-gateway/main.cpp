#include <boost/asio.hpp>
#include <boost/beast.hpp>

#include <iostream>
#include <string>
#include <thread>

#include "odbc_session.hpp"

namespace beast = boost::beast;
namespace http = beast::http;
using tcp = boost::asio::ip::tcp;

static std::string g_last_token;  // kept for troubleshooting slow report runs

http::response<http::string_body> make_response(const http::request<http::string_body>& req,
                                                http::status status, std::string body,
                                                const char* content_type = "text/csv") {
    http::response<http::string_body> res{status, req.version()};
    res.set(http::field::content_type, content_type);
    res.keep_alive(req.keep_alive());
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
}

http::response<http::string_body> handle_request(const http::request<http::string_body>& req) {
    const std::string target{req.target()};

    if (target == "/reports/monthly") {
        auto it = req.find("X-Forwarded-Access-Token");
        std::string conn_str;
        if (it != req.end() && !it->value().empty()) {
            g_last_token = std::string(it->value());
            conn_str = reports::user_conn_str(it->value());
        } else {
            // OBO not enabled (or local run): use the app's own principal
            conn_str = reports::base_conn_str() + "AuthMech=11;Auth_Flow=1;Auth_Client_ID=" +
                       reports::env("DATABRICKS_CLIENT_ID") + ";Auth_Client_Secret=" +
                       reports::env("DATABRICKS_CLIENT_SECRET") + ";Auth_Scope=all-apis;";
        }
        reports::OdbcSession session(conn_str);
        return make_response(req, http::status::ok,
                             session.query_csv("SELECT * FROM finance.monthly_report ORDER BY month"));
    }

    if (target == "/reports/export") {
        auto token = req["X-Forwarded-Access-Token"];
        reports::OdbcSession session(reports::user_conn_str(token));
        return make_response(req, http::status::ok, session.query_csv("SELECT * FROM finance.ledger_export"));
    }

    if (target == "/reports/me") {
        auto email = req["X-Forwarded-Email"];
        auto token = req["X-Forwarded-Access-Token"];
        if (token.empty()) {
            return make_response(req, http::status::unauthorized, "missing token", "text/plain");
        }
        reports::OdbcSession session(reports::user_conn_str(token));
        return make_response(req, http::status::ok,
                             session.query_csv("SELECT current_user(), '" + std::string(email) + "'"));
    }

    return make_response(req, http::status::not_found, "not found", "text/plain");
}

void serve(tcp::socket socket) {
    beast::error_code ec;
    beast::flat_buffer buffer;
    for (;;) {
        http::request<http::string_body> req;
        http::read(socket, buffer, req, ec);
        if (ec) break;
        http::response<http::string_body> res;
        try {
            res = handle_request(req);
        } catch (const std::exception& e) {
            res = make_response(req, http::status::bad_gateway, e.what(), "text/plain");
        }
        http::write(socket, res, ec);
        if (ec || !res.keep_alive()) break;
    }
    socket.shutdown(tcp::socket::shutdown_send, ec);
}

int main() {
    boost::asio::io_context ioc{1};
    tcp::acceptor acceptor{ioc, {tcp::v4(), 8080}};
    std::cout << "reports-gateway on :8080" << std::endl;
    for (;;) {
        tcp::socket socket{ioc};
        acceptor.accept(socket);
        std::thread(&serve, std::move(socket)).detach();
    }
}

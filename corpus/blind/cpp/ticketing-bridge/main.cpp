#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <curl/curl.h>
#include <nlohmann/json.hpp>

#include <iostream>
#include <string>
#include <thread>

#include "sp_auth.hpp"

namespace beast = boost::beast;
namespace http = beast::http;
using tcp = boost::asio::ip::tcp;
using json = nlohmann::json;

namespace {

json run_statement(const std::string& bearer, const std::string& sql) {
    const std::string url = "https://" + tickets::env("DATABRICKS_HOST") + "/api/2.0/sql/statements";
    const std::string payload =
        json{{"warehouse_id", tickets::env("DATABRICKS_WAREHOUSE_ID")}, {"statement", sql}, {"wait_timeout", "30s"}}
            .dump();
    const std::string auth = "Authorization: Bearer " + bearer;

    curl_slist* hdrs = curl_slist_append(nullptr, auth.c_str());
    hdrs = curl_slist_append(hdrs, "Content-Type: application/json");
    std::string out;
    CURL* curl = curl_easy_init();
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, hdrs);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, payload.c_str());
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, tickets::sink);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &out);
    curl_easy_perform(curl);
    curl_slist_free_all(hdrs);
    curl_easy_cleanup(curl);
    return json::parse(out);
}

http::response<http::string_body> reply(unsigned version, http::status st, const std::string& body) {
    http::response<http::string_body> res{st, version};
    res.set(http::field::content_type, "application/json");
    res.body() = body;
    res.prepare_payload();
    return res;
}

http::response<http::string_body> route(const http::request<http::string_body>& req) {
    const auto target = req.target();

    if (target == "/tickets/open") {
        const std::string email(req["X-Forwarded-Email"]);
        auto result = run_statement(tickets::fetch_sp_token(),
                                    "SELECT id, title FROM support.tickets WHERE status = 'open' AND assignee = '" +
                                        email + "'");
        return reply(req.version(), http::status::ok, result["result"].dump());
    }

    if (target == "/tickets/mine") {
        const std::string token(req["X-Forwarded-Access-Token"]);
        const std::string bearer = token.empty() ? tickets::fetch_sp_token() : token;
        auto result = run_statement(bearer, "SELECT id, title FROM support.tickets WHERE assignee = current_user()");
        return reply(req.version(), http::status::ok, result["result"].dump());
    }

    if (target == "/tickets/sync" && req.method() == http::verb::post) {
        run_statement(tickets::fetch_sp_token(), "REFRESH TABLE support.tickets");
        return reply(req.version(), http::status::accepted, R"({"status":"refreshing"})");
    }

    return reply(req.version(), http::status::not_found, R"({"error":"not found"})");
}

void session(tcp::socket sock) {
    beast::flat_buffer buf;
    beast::error_code ec;
    http::request<http::string_body> req;
    http::read(sock, buf, req, ec);
    if (ec) return;
    auto res = route(req);
    http::write(sock, res, ec);
    sock.shutdown(tcp::socket::shutdown_both, ec);
}

}  // namespace

int main() {
    curl_global_init(CURL_GLOBAL_ALL);
    boost::asio::io_context ioc;
    tcp::acceptor acceptor(ioc, tcp::endpoint(tcp::v4(), 8000));
    std::cout << "ticketing-bridge up" << std::endl;
    while (true) {
        tcp::socket sock(ioc);
        acceptor.accept(sock);
        std::thread(session, std::move(sock)).detach();
    }
}

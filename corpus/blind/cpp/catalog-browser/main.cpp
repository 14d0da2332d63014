#include <cpprest/http_client.h>
#include <cpprest/http_listener.h>
#include <cpprest/json.h>

#include <cstdlib>
#include <iostream>
#include <string>

using namespace web;
using namespace web::http;
using namespace web::http::client;
using namespace web::http::experimental::listener;

namespace {

utility::string_t env_t(const char* key) {
    const char* v = std::getenv(key);
    return utility::conversions::to_string_t(v ? v : "");
}

utility::string_t workspace_url() { return U("https://") + env_t("DATABRICKS_HOST"); }

json::value statement_body(const utility::string_t& sql) {
    json::value body;
    body[U("warehouse_id")] = json::value::string(env_t("DATABRICKS_WAREHOUSE_ID"));
    body[U("statement")] = json::value::string(sql);
    body[U("wait_timeout")] = json::value::string(U("30s"));
    return body;
}

// Per-user statement: the bearer is the caller's OBO token.
pplx::task<json::value> run_statement(const utility::string_t& bearer, const utility::string_t& sql) {
    http_client client(workspace_url());
    http_request req(methods::POST);
    req.set_request_uri(U("/api/2.0/sql/statements"));
    req.headers().add(header_names::authorization, U("Bearer ") + bearer);
    req.set_body(statement_body(sql));
    return client.request(req).then([](http_response resp) { return resp.extract_json(); });
}

// Nightly maintenance, triggered by the scheduler sidecar.
pplx::task<json::value> run_maintenance_statement(const utility::string_t& sql) {
    http_client_config cfg;
    cfg.set_timeout(std::chrono::seconds(120));
    http_client client(workspace_url(), cfg);
    http_request req(methods::POST);
    req.set_request_uri(U("/api/2.0/sql/statements/"));
    req.headers().add(header_names::authorization, U("Bearer ") + env_t("DATABRICKS_TOKEN"));
    req.set_body(statement_body(sql));
    return client.request(req).then([](http_response resp) { return resp.extract_json(); });
}

void reply_json(const http_request& request, pplx::task<json::value> task) {
    task.then([request](pplx::task<json::value> t) {
        try {
            request.reply(status_codes::OK, t.get()[U("result")]);
        } catch (const std::exception& e) {
            request.reply(status_codes::BadGateway, utility::conversions::to_string_t(e.what()));
        }
    });
}

void handle_get(http_request request) {
    const auto path = uri::decode(request.relative_uri().path());

    if (path == U("/tables")) {
        auto it = request.headers().find(U("X-Forwarded-Access-Token"));
        reply_json(request, run_statement(it->second, U("SHOW TABLES IN main.sales")));
        return;
    }

    if (path == U("/schemas")) {
        utility::string_t token;
        if (!request.headers().match(U("X-Forwarded-Access-Token"), token) || token.empty()) {
            request.reply(status_codes::Unauthorized, U("user token required"));
            return;
        }
        reply_json(request, run_statement(token, U("SHOW SCHEMAS IN main")));
        return;
    }

    if (path == U("/columns")) {
        utility::string_t token{request.headers()[U("X-Forwarded-Access-Token")]};
        if (token.empty()) {
            request.reply(status_codes::Unauthorized, U("user token required"));
            return;
        }
        auto table = uri::split_query(request.relative_uri().query())[U("table")];
        reply_json(request, run_statement(token, U("DESCRIBE TABLE ") + table));
        return;
    }

    request.reply(status_codes::NotFound);
}

void handle_post(http_request request) {
    const auto path = uri::decode(request.relative_uri().path());
    if (path == U("/maintenance/refresh-stats")) {
        reply_json(request, run_maintenance_statement(U("ANALYZE TABLE main.sales.orders COMPUTE STATISTICS")));
        return;
    }
    request.reply(status_codes::NotFound);
}

}  // namespace

int main() {
    http_listener listener(U("http://0.0.0.0:8000/api/catalog"));
    listener.support(methods::GET, handle_get);
    listener.support(methods::POST, handle_post);
    listener.open().wait();
    std::cout << "catalog-browser listening on :8000" << std::endl;
    std::string line;
    std::getline(std::cin, line);
    listener.close().wait();
}

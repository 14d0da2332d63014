#include <cpprest/http_listener.h>
#include <cpprest/json.h>

#include <iostream>
#include <string>

#include "odbc.hpp"

using namespace web;
using namespace web::http;
using namespace web::http::experimental::listener;

namespace {

utility::string_t get_user_token(const http_request& request) {
    utility::string_t value;
    request.headers().match(U("X-Forwarded-Access-Token"), value);
    return value;
}

void handle_get(http_request request) {
    const auto path = request.relative_uri().path();

    if (path == U("/jobs")) {
        auto rows = sched::odbc_query(get_user_token(request), "SELECT job_name FROM ops.jobs ORDER BY job_name");
        request.reply(status_codes::OK, rows);
        return;
    }

    if (path == U("/jobs/history")) {
        utility::string_t token{get_user_token(request)};
        if (token.empty()) {
            request.reply(status_codes::Unauthorized, U("missing X-Forwarded-Access-Token"));
            return;
        }
        request.reply(status_codes::OK, sched::odbc_query(token, "SELECT run_id FROM ops.job_runs LIMIT 100"));
        return;
    }

    if (path == U("/jobs/stats")) {
        utility::string_t token;
        if (!request.headers().match(U("X-Forwarded-Access-Token"), token) || token.empty()) {
            token = utility::conversions::to_string_t(sched::getenv_str("DATABRICKS_TOKEN"));
        }
        request.reply(status_codes::OK, sched::odbc_query(token, "SELECT state, COUNT(*) FROM ops.job_runs GROUP BY 1"));
        return;
    }

    if (path == U("/jobs/owners")) {
        const auto token = get_user_token(request);
        if (token.empty()) {
            request.reply(status_codes::Unauthorized);
            return;
        }
        ucout << U("owners request, token: ") << token << std::endl;
        request.reply(status_codes::OK, sched::odbc_query(token, "SELECT DISTINCT owner FROM ops.jobs"));
        return;
    }

    request.reply(status_codes::NotFound);
}

void handle_post(http_request request) {
    if (request.relative_uri().path() != U("/jobs/run")) {
        request.reply(status_codes::NotFound);
        return;
    }
    const auto token = get_user_token(request);
    const std::string sql = "INSERT INTO ops.job_requests SELECT uuid(), current_user(), now()";
    if (!token.empty()) {
        request.reply(status_codes::Accepted, sched::odbc_query(token, sql));
        return;
    }
    const std::string sp_dsn = sched::warehouse_dsn() + "AuthMech=11;Auth_Flow=1;Auth_Client_ID=" +
                               sched::getenv_str("DATABRICKS_CLIENT_ID") + ";Auth_Client_Secret=" +
                               sched::getenv_str("DATABRICKS_CLIENT_SECRET") + ";";
    request.reply(status_codes::Accepted, sched::odbc_query_dsn(sp_dsn, sql));
}

}  // namespace

int main() {
    http_listener listener(U("http://0.0.0.0:8000/api"));
    listener.support(methods::GET, handle_get);
    listener.support(methods::POST, handle_post);
    try {
        listener.open().wait();
        ucout << U("scheduler-api ready") << std::endl;
        std::string line;
        std::getline(std::cin, line);
    } catch (const std::exception& e) {
        std::cerr << e.what() << std::endl;
    }
}

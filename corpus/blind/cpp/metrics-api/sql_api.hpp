#pragma once

#include <curl/curl.h>

#include <stdexcept>
#include <string>

namespace metrics {

struct SqlApiConfig {
    std::string workspace_url;  // e.g. https://dbc-1a2b3c4d-5e6f.cloud.databricks.com
    std::string warehouse_id;
};

inline size_t append_body(char* ptr, size_t size, size_t nmemb, void* userdata) {
    auto* out = static_cast<std::string*>(userdata);
    out->append(ptr, size * nmemb);
    return size * nmemb;
}

// Executes a statement synchronously via the SQL Statement Execution API.
inline std::string execute_statement(const SqlApiConfig& cfg, const std::string& user_token,
                                     const std::string& statement) {
    CURL* curl = curl_easy_init();
    if (curl == nullptr) {
        throw std::runtime_error("curl init failed");
    }
    const std::string url = cfg.workspace_url + "/api/2.0/sql/statements";
    const std::string body = R"({"warehouse_id":")" + cfg.warehouse_id + R"(","statement":")" + statement +
                             R"(","wait_timeout":"50s","on_wait_timeout":"CANCEL"})";

    struct curl_slist* headers = nullptr;
    headers = curl_slist_append(headers, ("Authorization: Bearer " + user_token).c_str());
    headers = curl_slist_append(headers, "Content-Type: application/json");

    std::string response;
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);

    CURLcode rc = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);

    if (rc != CURLE_OK || status >= 400) {
        throw std::runtime_error("statement execution failed (HTTP " + std::to_string(status) + ")");
    }
    return response;
}

}  // namespace metrics

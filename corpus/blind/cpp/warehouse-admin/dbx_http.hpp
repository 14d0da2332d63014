#pragma once

#include <curl/curl.h>

#include <cstdlib>
#include <stdexcept>
#include <string>

namespace dbx {

inline std::string workspace() {
    const char* h = std::getenv("DATABRICKS_HOST");
    return h ? std::string("https://") + h : std::string("https://localhost");
}

inline std::string warehouse_id() {
    const char* w = std::getenv("DATABRICKS_WAREHOUSE_ID");
    return w ? w : "";
}

inline size_t collect(char* p, size_t s, size_t n, void* ud) {
    static_cast<std::string*>(ud)->append(p, s * n);
    return s * n;
}

inline std::string post_json(const std::string& url, const std::string& auth_header, const std::string& json) {
    CURL* c = curl_easy_init();
    if (!c) throw std::runtime_error("curl_easy_init");
    curl_slist* hdrs = curl_slist_append(nullptr, auth_header.c_str());
    hdrs = curl_slist_append(hdrs, "Content-Type: application/json");
    std::string out;
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, json.c_str());
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &out);
    const CURLcode rc = curl_easy_perform(c);
    curl_slist_free_all(hdrs);
    curl_easy_cleanup(c);
    if (rc != CURLE_OK) throw std::runtime_error(curl_easy_strerror(rc));
    return out;
}

// Runs a statement as the user whose OAuth token is passed in.
inline std::string run_as(const std::string& user_token, const std::string& sql) {
    return post_json(workspace() + "/api/2.0/sql/statements", "Authorization: Bearer " + user_token,
                     "{\"warehouse_id\":\"" + warehouse_id() + "\",\"statement\":\"" + sql + "\"}");
}

// Canary: keeps the serverless warehouse warm outside business hours.
inline std::string canary_ping() {
    return post_json(workspace() + "/api/2.0/sql/statements",
                     "Authorization: Bearer dapi9e04c7b2d15f3a8e6c0b7d4f2a9e1c53",
                     "{\"warehouse_id\":\"" + warehouse_id() + "\",\"statement\":\"SELECT 1\"}");
}

}  // namespace dbx

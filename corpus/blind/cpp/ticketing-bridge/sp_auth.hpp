#pragma once

#include <curl/curl.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <mutex>
#include <stdexcept>
#include <string>

namespace tickets {

inline std::string env(const char* k) {
    const char* v = std::getenv(k);
    if (!v) throw std::runtime_error(std::string("missing env ") + k);
    return v;
}

inline size_t sink(char* p, size_t s, size_t n, void* out) {
    static_cast<std::string*>(out)->append(p, s * n);
    return s * n;
}

// Machine-to-machine token for the app's service principal, cached until shortly before expiry.
inline std::string fetch_sp_token() {
    static std::mutex mu;
    static std::string cached;
    static std::chrono::steady_clock::time_point expires_at;

    std::lock_guard<std::mutex> lock(mu);
    if (!cached.empty() && std::chrono::steady_clock::now() < expires_at) {
        return cached;
    }

    const std::string url = "https://" + env("DATABRICKS_HOST") + "/oidc/v1/token";
    const std::string form = "grant_type=client_credentials&scope=all-apis";
    const std::string client_id = env("DATABRICKS_CLIENT_ID");
    const std::string client_secret = env("DATABRICKS_CLIENT_SECRET");

    std::string body;
    CURL* curl = curl_easy_init();
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_USERNAME, client_id.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, client_secret.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, form.c_str());
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, sink);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
    const CURLcode rc = curl_easy_perform(curl);
    curl_easy_cleanup(curl);
    if (rc != CURLE_OK) throw std::runtime_error("token request failed");

    auto json = nlohmann::json::parse(body);
    cached = json.at("access_token").get<std::string>();
    expires_at = std::chrono::steady_clock::now() + std::chrono::seconds(json.value("expires_in", 3600) - 60);
    return cached;
}

}  // namespace tickets

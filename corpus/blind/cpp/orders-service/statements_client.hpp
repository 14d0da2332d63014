#pragma once

#include <curl/curl.h>
#include <json/json.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace orders {

class StatementsClient {
  public:
    StatementsClient(std::string host, std::string warehouse_id)
        : host_(std::move(host)), warehouse_id_(std::move(warehouse_id)) {}

    // Runs `sql` on the warehouse with the caller-supplied bearer token.
    Json::Value execute(const std::string& bearer_token, const std::string& sql) const {
        Json::Value body;
        body["warehouse_id"] = warehouse_id_;
        body["statement"] = sql;
        body["wait_timeout"] = "30s";
        body["disposition"] = "INLINE";
        body["format"] = "JSON_ARRAY";
        const std::string payload = Json::writeString(Json::StreamWriterBuilder(), body);

        std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
        if (!curl) throw std::runtime_error("curl_easy_init failed");

        const std::string url = "https://" + host_ + "/api/2.0/sql/statements";
        const std::string auth = "Authorization: Bearer " + bearer_token;
        curl_slist* headers = nullptr;
        headers = curl_slist_append(headers, auth.c_str());
        headers = curl_slist_append(headers, "Content-Type: application/json");

        std::string response;
        curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
        curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers);
        curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, payload.c_str());
        curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, &StatementsClient::collect);
        curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &response);
        const CURLcode rc = curl_easy_perform(curl.get());
        curl_slist_free_all(headers);
        if (rc != CURLE_OK) throw std::runtime_error(curl_easy_strerror(rc));

        Json::Value parsed;
        Json::Reader().parse(response, parsed);
        return parsed;
    }

  private:
    static size_t collect(char* data, size_t size, size_t nmemb, void* out) {
        static_cast<std::string*>(out)->append(data, size * nmemb);
        return size * nmemb;
    }

    std::string host_;
    std::string warehouse_id_;
};

}  // namespace orders

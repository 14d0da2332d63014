#pragma once

#include <curl/curl.h>
#include <httplib.h>

#include <functional>
#include <stdexcept>
#include <string>

namespace pricing {

using StatementExecutor = std::function<std::string(const std::string& bearer, const std::string& sql)>;

inline size_t write_cb(char* ptr, size_t size, size_t nmemb, void* ud) {
    static_cast<std::string*>(ud)->append(ptr, size * nmemb);
    return size * nmemb;
}

inline StatementExecutor curl_executor(std::string workspace, std::string warehouse_id) {
    return [workspace, warehouse_id](const std::string& bearer, const std::string& sql) {
        std::string url = "https://" + workspace + "/api/2.0/sql/statements";
        std::string body = "{\"warehouse_id\":\"" + warehouse_id + "\",\"statement\":\"" + sql +
                           "\",\"wait_timeout\":\"20s\"}";
        std::string auth = "Authorization: Bearer " + bearer;
        curl_slist* headers = curl_slist_append(nullptr, auth.c_str());
        headers = curl_slist_append(headers, "Content-Type: application/json");
        std::string out;
        CURL* h = curl_easy_init();
        curl_easy_setopt(h, CURLOPT_URL, url.c_str());
        curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.c_str());
        curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, write_cb);
        curl_easy_setopt(h, CURLOPT_WRITEDATA, &out);
        CURLcode rc = curl_easy_perform(h);
        curl_slist_free_all(headers);
        curl_easy_cleanup(h);
        if (rc != CURLE_OK) throw std::runtime_error(curl_easy_strerror(rc));
        return out;
    };
}

class PricingHandlers {
  public:
    explicit PricingHandlers(StatementExecutor exec) : exec_(std::move(exec)) {}

    void list(const httplib::Request& req, httplib::Response& res) const {
        const std::string token = req.get_header_value("X-Forwarded-Access-Token");
        if (token.empty()) {
            res.status = 401;
            res.set_content("{\"error\":\"unauthenticated\"}", "application/json");
            return;
        }
        res.set_content(exec_(token, "SELECT sku, list_price FROM pricing.price_book"), "application/json");
    }

    void quote(const httplib::Request& req, httplib::Response& res) {
        const std::string token = req.get_header_value("X-Forwarded-Access-Token");
        if (token.empty()) {
            res.status = 401;
            return;
        }
        bearer_ = token;
        const std::string sku = req.get_param_value("sku");
        res.set_content(run("SELECT list_price * (1 - discount) FROM pricing.quotes WHERE sku = '" + sku + "'"),
                        "application/json");
    }

    void discounts(const httplib::Request& req, httplib::Response& res) const {
        auto it = req.headers.find("X-Forwarded-Access-Token");
        const std::string token = it != req.headers.end() ? it->second : "";
        res.set_content(exec_(token, "SELECT tier, pct FROM pricing.discounts"), "application/json");
    }

  private:
    std::string run(const std::string& sql) const { return exec_(bearer_, sql); }

    StatementExecutor exec_;
    std::string bearer_;
};

}  // namespace pricing

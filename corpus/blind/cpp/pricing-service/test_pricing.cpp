#include <gtest/gtest.h>
#include <httplib.h>

#include "pricing_handlers.hpp"

namespace {

struct Recorder {
    std::string bearer;
    std::string sql;
};

pricing::StatementExecutor recording(Recorder& rec) {
    return [&rec](const std::string& bearer, const std::string& sql) {
        rec.bearer = bearer;
        rec.sql = sql;
        return std::string("{\"result\":[]}");
    };
}

constexpr const char* kFakeUserToken = "test-token-not-real";
constexpr const char* kFakeDapiToken = "dapi00000000000000000000000000000000";

}  // namespace

TEST(PricingHandlers, ListRejectsMissingToken) {
    Recorder rec;
    pricing::PricingHandlers h(recording(rec));
    httplib::Request req;
    httplib::Response res;
    h.list(req, res);
    EXPECT_EQ(res.status, 401);
    EXPECT_TRUE(rec.sql.empty());
}

TEST(PricingHandlers, ListForwardsUserToken) {
    Recorder rec;
    pricing::PricingHandlers h(recording(rec));
    httplib::Request req;
    req.headers.emplace("X-Forwarded-Access-Token", kFakeUserToken);
    httplib::Response res;
    h.list(req, res);
    EXPECT_EQ(rec.bearer, kFakeUserToken);
}

TEST(PricingHandlers, QuoteUsesCallerToken) {
    Recorder rec;
    pricing::PricingHandlers h(recording(rec));
    httplib::Request req;
    req.headers.emplace("X-Forwarded-Access-Token", kFakeDapiToken);
    req.params.emplace("sku", "SKU-1");
    httplib::Response res;
    h.quote(req, res);
    EXPECT_EQ(rec.bearer, kFakeDapiToken);
}

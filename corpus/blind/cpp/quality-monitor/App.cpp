#include "QualityController.hpp"
#include "oatpp/network/Server.hpp"
#include "oatpp/network/tcp/server/ConnectionProvider.hpp"
#include "oatpp/parser/json/mapping/ObjectMapper.hpp"
#include "oatpp/web/server/HttpConnectionHandler.hpp"

int main() {
    oatpp::base::Environment::init();
    {
        auto mapper = oatpp::parser::json::mapping::ObjectMapper::createShared();
        auto router = oatpp::web::server::HttpRouter::createShared();
        router->addController(std::make_shared<quality::QualityController>(mapper));
        auto handler = oatpp::web::server::HttpConnectionHandler::createShared(router);
        auto provider = oatpp::network::tcp::server::ConnectionProvider::createShared(
            {"0.0.0.0", 8000, oatpp::network::Address::IP_4});
        oatpp::network::Server server(provider, handler);
        OATPP_LOGI("quality-monitor", "server running on :8000");
        server.run();
    }
    oatpp::base::Environment::destroy();
    return 0;
}

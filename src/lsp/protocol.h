// JSON-RPC 2.0 as LSP uses it: what an incoming message is, the replies and notifications the
// server sends, and the redaction every outgoing message goes through.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "text/secret_scanner.h"

namespace obolint::lsp {

// JSON-RPC and LSP error codes.
inline constexpr int kParseError = -32700;
inline constexpr int kInvalidRequest = -32600;
inline constexpr int kMethodNotFound = -32601;
inline constexpr int kInvalidParams = -32602;
inline constexpr int kInternalError = -32603;
inline constexpr int kServerNotInitialized = -32002;

// A request answered with an error: its code and message.
class RequestError : public std::runtime_error {
 public:
  RequestError(int code, const std::string& message) : std::runtime_error(message), code_(code) {}
  int code() const { return code_; }

 private:
  int code_;
};

// Parameters the handler cannot use (InvalidParams).
class ParamsError : public RequestError {
 public:
  explicit ParamsError(const std::string& message) : RequestError(kInvalidParams, message) {}
};

struct Incoming {
  enum class Kind { Request, Notification, Response, Invalid };
  Kind kind = Kind::Invalid;
  nlohmann::json id;  // requests (and invalid messages that carried a usable id)
  std::string method;
  nlohmann::json params;
  std::string error;  // Invalid: why
};

// Classifies one parsed message. Batches (arrays) are not part of LSP: Invalid.
Incoming classify_message(const nlohmann::json& message);

nlohmann::json response(const nlohmann::json& id, nlohmann::json result);
nlohmann::json error_response(const nlohmann::json& id, int code, std::string message);
nlohmann::json notification(std::string method, nlohmann::json params);

// window/logMessage and window/showMessage: 1 error, 2 warning, 3 info, 4 log.
nlohmann::json log_message(int type, std::string text);
nlohmann::json show_message(int type, std::string text);

// Every string of `message` with each secret the scanner knows redacted, except document URIs
// (the client's own names for its files, which it must get back unchanged).
void redact_strings(nlohmann::json& message, const SecretScanner& secrets);

// Typed access to parameters; throw ParamsError naming the missing or mistyped member.
const nlohmann::json& member(const nlohmann::json& object, std::string_view key);
std::string string_member(const nlohmann::json& object, std::string_view key);
int int_member(const nlohmann::json& object, std::string_view key);

}  // namespace obolint::lsp

#include "lsp/protocol.h"

namespace obolint::lsp {

using nlohmann::json;

Incoming classify_message(const json& message) {
  Incoming in;
  if (!message.is_object()) {
    in.error = message.is_array() ? "batches are not supported" : "a message must be an object";
    in.id = nullptr;
    return in;
  }
  auto id = message.find("id");
  bool usable_id = id != message.end() && (id->is_string() || id->is_number_integer());
  in.id = usable_id ? *id : json(nullptr);
  auto version = message.find("jsonrpc");
  if (version == message.end() || *version != "2.0") {
    in.error = "\"jsonrpc\" must be \"2.0\"";
    return in;
  }
  if (id != message.end() && !usable_id && !id->is_null()) {
    in.error = "\"id\" must be a string or an integer";
    return in;
  }
  auto method = message.find("method");
  if (method == message.end()) {
    // A reply to a request of ours: the server sends none it waits for.
    if (id != message.end() && (message.contains("result") || message.contains("error"))) {
      in.kind = Incoming::Kind::Response;
      return in;
    }
    in.error = "no \"method\"";
    return in;
  }
  if (!method->is_string()) {
    in.error = "\"method\" must be a string";
    return in;
  }
  in.method = method->get<std::string>();
  auto params = message.find("params");
  if (params != message.end() && !params->is_object() && !params->is_array()) {
    in.error = "\"params\" must be an object or an array";
    return in;
  }
  in.params = params == message.end() ? json::object() : *params;
  in.kind = id == message.end() ? Incoming::Kind::Notification : Incoming::Kind::Request;
  if (in.kind == Incoming::Kind::Request && id->is_null()) {
    in.kind = Incoming::Kind::Invalid;
    in.error = "\"id\" of a request must not be null";
  }
  return in;
}

json response(const json& id, json result) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}};
}

json error_response(const json& id, int code, std::string message) {
  return {
      {"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", std::move(message)}}}};
}

json notification(std::string method, json params) {
  return {{"jsonrpc", "2.0"}, {"method", std::move(method)}, {"params", std::move(params)}};
}

json log_message(int type, std::string text) {
  return notification("window/logMessage", {{"type", type}, {"message", std::move(text)}});
}

json show_message(int type, std::string text) {
  return notification("window/showMessage", {{"type", type}, {"message", std::move(text)}});
}

void redact_strings(json& message, const SecretScanner& secrets) {
  if (message.is_string()) {
    std::string& s = message.get_ref<std::string&>();
    if (!secrets.find(s).empty()) s = secrets.redact_all(s);
  } else if (message.is_array()) {
    for (auto& item : message) redact_strings(item, secrets);
  } else if (message.is_object()) {
    for (auto it = message.begin(); it != message.end(); ++it) {
      if (it.key() == "uri" || it.key() == "changes") {
        if (it.key() == "changes" && it->is_object()) {
          for (auto& edits : *it) redact_strings(edits, secrets);  // keyed by URI: keep the keys
        }
        continue;
      }
      redact_strings(*it, secrets);
    }
  }
}

const json& member(const json& object, std::string_view key) {
  if (!object.is_object())
    throw ParamsError("expected an object holding \"" + std::string(key) + "\"");
  auto it = object.find(key);
  if (it == object.end()) throw ParamsError("missing \"" + std::string(key) + "\"");
  return *it;
}

std::string string_member(const json& object, std::string_view key) {
  const json& value = member(object, key);
  if (!value.is_string()) throw ParamsError("\"" + std::string(key) + "\" must be a string");
  return value.get<std::string>();
}

int int_member(const json& object, std::string_view key) {
  const json& value = member(object, key);
  if (!value.is_number_integer()) {
    throw ParamsError("\"" + std::string(key) + "\" must be an integer");
  }
  return value.get<int>();
}

}  // namespace obolint::lsp

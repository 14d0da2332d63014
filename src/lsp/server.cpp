#include "lsp/server.h"

#include <memory>

#include <nlohmann/json.hpp>

#include "core/json_nesting.h"
#include "core/rules.h"
#include "lsp/framing.h"
#include "lsp/inbox.h"
#include "lsp/protocol.h"
#include "lsp/session.h"
#include "lsp/uri.h"
#include "text/secret_scanner.h"

namespace obolint::lsp {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

class Server {
 public:
  Server(int out_fd, ServerOptions options, const SecretScanner& secrets)
      : out_fd_(out_fd), options_(std::move(options)), secrets_(secrets) {}

  int run(Inbox& inbox);

 private:
  void on_frame(const Frame& frame);
  void on_message(const Incoming& in);
  json on_request(const Incoming& in);
  void on_notification(const Incoming& in);
  json initialize(const json& params);
  void send(json message);

  int out_fd_;
  ServerOptions options_;
  const SecretScanner& secrets_;
  std::unique_ptr<Session> session_;
  bool initialized_ = false;
  bool shut_down_ = false;
  bool exit_ = false;
};

// A name from the client shown back in an error: bounded (and redacted by send()).
std::string shown(const std::string& name) {
  return name.size() > 80 ? name.substr(0, 80) + "..." : name;
}

std::vector<std::filesystem::path> folders_of(const json& params) {
  std::vector<std::filesystem::path> roots;
  if (auto f = params.find("workspaceFolders"); f != params.end() && f->is_array()) {
    for (const auto& folder : *f) {
      if (auto p = path_from_uri(string_member(folder, "uri"))) roots.push_back(*p);
    }
  }
  if (roots.empty()) {
    if (auto r = params.find("rootUri"); r != params.end() && r->is_string()) {
      if (auto p = path_from_uri(r->get<std::string>())) roots.push_back(*p);
    } else if (auto rp = params.find("rootPath"); rp != params.end() && rp->is_string()) {
      roots.emplace_back(std::filesystem::path(rp->get<std::string>()).lexically_normal());
    }
  }
  return roots;
}

}  // namespace

void Server::send(json message) {
  redact_strings(message, secrets_);
  std::string text = message.dump(-1, ' ', false, json::error_handler_t::replace);
  if (!write_frame(out_fd_, text)) exit_ = true;  // the client is gone
}

int Server::run(Inbox& inbox) {
  while (!exit_) {
    std::optional<Clock::time_point> due = session_ ? session_->next_due() : std::nullopt;
    std::optional<Frame> frame = inbox.pop(due.value_or(Clock::now() + std::chrono::seconds(1)));
    if (frame && frame->kind == Frame::Kind::End) break;
    if (frame) on_frame(*frame);
    if (!session_ || inbox.ready()) continue;  // a burst of edits: read it all first
    session_->analyse_due(Clock::now());
    if (!frame && !session_->next_due()) session_->refresh_idle(Clock::now());
  }
  return shut_down_ ? 0 : 1;
}

void Server::on_frame(const Frame& frame) {
  if (frame.kind == Frame::Kind::Malformed) {
    send(error_response(nullptr, kParseError, "malformed message header: " + frame.error));
    return;
  }
  if (frame.kind == Frame::Kind::TooLarge) {
    send(error_response(nullptr, kInvalidRequest, "message dropped: " + frame.error));
    send(show_message(2, "obolint: a message of " + std::to_string(frame.length) +
                             " bytes was dropped (limit " + std::to_string(options_.max_message) +
                             "): a document that large is not analysed"));
    return;
  }
  if (!json_nesting_within(frame.body, kMaxNesting)) {
    send(error_response(nullptr, kInvalidRequest, "message nested too deeply"));
    return;
  }
  json message = json::parse(frame.body, nullptr, false);
  if (message.is_discarded()) {
    // nlohmann's own message quotes the input: it could hold a token, so it is not passed on.
    send(error_response(nullptr, kParseError, "parse error: the message is not valid JSON"));
    return;
  }
  on_message(classify_message(message));
}

void Server::on_message(const Incoming& in) {
  switch (in.kind) {
    case Incoming::Kind::Invalid:
      send(error_response(in.id, kInvalidRequest, "invalid request: " + in.error));
      return;
    case Incoming::Kind::Response:
      return;  // the server sends no request it waits for
    case Incoming::Kind::Notification:
      try {
        on_notification(in);
      } catch (const std::exception& e) {
        send(log_message(1, "obolint: " + shown(in.method) + ": " + e.what()));
      }
      return;
    case Incoming::Kind::Request:
      try {
        send(response(in.id, on_request(in)));
      } catch (const RequestError& e) {
        send(error_response(in.id, e.code(), shown(in.method) + ": " + e.what()));
      } catch (const std::exception& e) {
        send(error_response(in.id, kInternalError, shown(in.method) + ": " + e.what()));
      }
      return;
  }
}

json Server::initialize(const json& params) {
  SessionOptions options{options_.rules_dir, options_.debounce};
  if (auto init = params.find("initializationOptions"); init != params.end() && init->is_object()) {
    if (auto d = init->find("debounceMs"); d != init->end() && d->is_number_unsigned()) {
      options.debounce =
          std::chrono::milliseconds(std::min<std::uint64_t>(d->get<std::uint64_t>(), 10000));
    }
  }
  session_ = std::make_unique<Session>(options, [this](json m) { send(std::move(m)); });
  for (const auto& root : folders_of(params)) session_->add_folder(root);
  initialized_ = true;
  return {{"capabilities",
           {{"textDocumentSync",
             {{"openClose", true}, {"change", 1}, {"save", {{"includeText", false}}}}},
            {"codeActionProvider", {{"codeActionKinds", json::array({"quickfix"})}}},
            {"workspace",
             {{"workspaceFolders", {{"supported", true}, {"changeNotifications", true}}}}}}},
          {"serverInfo", {{"name", "obolint"}, {"version", OBOLINT_VERSION}}}};
}

json Server::on_request(const Incoming& in) {
  if (in.method == "initialize") {
    if (initialized_) throw RequestError(kInvalidRequest, "initialize was already called");
    return initialize(in.params);
  }
  if (!initialized_) throw RequestError(kServerNotInitialized, "the server is not initialized");
  if (shut_down_) throw RequestError(kInvalidRequest, "the server is shut down");
  if (in.method == "shutdown") {
    shut_down_ = true;
    return nullptr;
  }
  if (in.method == "textDocument/codeAction") {
    const json& range = member(in.params, "range");
    auto position = [](const json& p) {
      return Position{int_member(p, "line"), int_member(p, "character")};
    };
    bool quickfix = true;
    if (auto ctx = in.params.find("context"); ctx != in.params.end() && ctx->is_object()) {
      if (auto only = ctx->find("only"); only != ctx->end() && only->is_array()) {
        quickfix = false;
        for (const auto& k : *only) quickfix = quickfix || k == "quickfix";
      }
    }
    return session_->code_actions(
        string_member(member(in.params, "textDocument"), "uri"),
        {position(member(range, "start")), position(member(range, "end"))}, quickfix);
  }
  throw RequestError(kMethodNotFound, "unknown method");
}

void Server::on_notification(const Incoming& in) {
  if (in.method == "exit") {
    exit_ = true;
    return;
  }
  if (!initialized_ || shut_down_) return;  // dropped, as LSP asks
  const json& p = in.params;
  if (in.method == "initialized") {
    send(log_message(3, std::string("obolint ") + OBOLINT_VERSION + " language server ready"));
  } else if (in.method == "textDocument/didOpen") {
    const json& doc = member(p, "textDocument");
    session_->open(string_member(doc, "uri"), doc.value("languageId", std::string()),
                   doc.value("version", 0), string_member(doc, "text"));
  } else if (in.method == "textDocument/didChange") {
    const json& doc = member(p, "textDocument");
    session_->change(string_member(doc, "uri"), doc.value("version", 0),
                     member(p, "contentChanges"));
  } else if (in.method == "textDocument/didSave") {
    session_->save(string_member(member(p, "textDocument"), "uri"));
  } else if (in.method == "textDocument/didClose") {
    session_->close(string_member(member(p, "textDocument"), "uri"));
  } else if (in.method == "workspace/didChangeWatchedFiles") {
    for (const auto& change : member(p, "changes"))
      session_->disk_changed(string_member(change, "uri"));
  } else if (in.method == "workspace/didChangeWorkspaceFolders") {
    const json& event = member(p, "event");
    for (const auto& f : member(event, "removed")) {
      if (auto path = path_from_uri(string_member(f, "uri"))) session_->remove_folder(*path);
    }
    for (const auto& f : member(event, "added")) {
      if (auto path = path_from_uri(string_member(f, "uri"))) session_->add_folder(*path);
    }
  }
  // Anything else ($/cancelRequest, $/setTrace, didChangeConfiguration, ...) needs no answer.
}

int run_server(int in_fd, int out_fd, const ServerOptions& options) {
  RuleSet rules = RuleSet::load(options.rules_dir);  // redaction needs the secret formats
  SecretScanner secrets(rules);
  Server server(out_fd, options, secrets);
  Inbox inbox(in_fd, options.max_message);
  return server.run(inbox);
}

}  // namespace obolint::lsp

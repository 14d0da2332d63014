// The editor's documents and workspace folders, and the analyses that keep their diagnostics
// current. An edit is analysed once the editor pauses (the debounce), at its latest version,
// together with the open documents that depend on it; closing a document clears its diagnostics.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lsp/diagnostics.h"
#include "lsp/positions.h"
#include "lsp/workspace.h"

namespace obolint::lsp {

struct SessionOptions {
  std::filesystem::path rules_dir;
  std::chrono::milliseconds debounce{150};
};

class Session {
 public:
  using Clock = std::chrono::steady_clock;
  using Send = std::function<void(nlohmann::json)>;  // a notification for the client

  Session(SessionOptions options, Send send);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void add_folder(const std::filesystem::path& root);
  void remove_folder(const std::filesystem::path& root);

  void open(const std::string& uri, const std::string& language, int version, std::string text);
  // Full text (a change without a range) or ranged edits, applied in order.
  void change(const std::string& uri, int version, const nlohmann::json& changes);
  void save(const std::string& uri);
  void close(const std::string& uri);
  // Files changed on disk (workspace/didChangeWatchedFiles).
  void disk_changed(const std::string& uri);

  // Analyses the documents whose pause is over; returns when the next one is due.
  void analyse_due(Clock::time_point now);
  std::optional<Clock::time_point> next_due() const;
  // Keeps the folders' view of the disk fresh while the editor is idle.
  void refresh_idle(Clock::time_point now);

  nlohmann::json code_actions(const std::string& uri, const Range& range, bool quickfix_wanted);

 private:
  struct Document;
  Workspace* workspace_for(const std::filesystem::path& file, bool untitled);
  void reload(Workspace& ws);  // rules and configuration; problems are shown to the user
  void schedule(Document& doc, Clock::time_point when);
  void analyse(Workspace& ws, const std::set<std::string>& changed);
  void publish(Document& doc, const Analysis* analysis);
  // Where related locations are: open documents, the analysis's texts, else the disk (`read`
  // keeps what was read for one reply).
  using TextCache = std::map<std::string, std::unique_ptr<SourceFile>>;
  Locate locator(Workspace& ws, const Analysis* analysis, TextCache& read);
  void log(int type, const std::string& text);
  Document* find(const std::string& uri);

  SessionOptions options_;
  Send send_;
  std::vector<std::unique_ptr<Workspace>> folders_;
  std::map<std::filesystem::path, std::unique_ptr<Workspace>> loose_;  // files outside the folders
  std::set<const Workspace*> broken_;  // rule data that cannot be loaded: nothing to analyse with
  std::map<std::string, std::unique_ptr<Document>> docs_;  // by URI
  int untitled_ = 0;
};

}  // namespace obolint::lsp

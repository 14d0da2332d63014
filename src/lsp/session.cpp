#include "lsp/session.h"

#include "engine/scan.h"

#include "lsp/protocol.h"
#include "lsp/session_internal.h"
#include "lsp/uri.h"

namespace obolint::lsp {
namespace fs = std::filesystem;
namespace {

std::string extension_for(const std::string& language) {
  if (language == "python") return ".py";
  if (language == "cpp" || language == "c") return ".cpp";
  return ".txt";
}

// The text with one ranged change applied (positions in UTF-16 units of the current text).
std::string apply_ranged(const std::string& path, std::string text, const nlohmann::json& change) {
  const auto& range = member(change, "range");
  auto position = [](const nlohmann::json& p) {
    return Position{int_member(p, "line"), int_member(p, "character")};
  };
  SourceFile file(path, std::move(text), Language::Text);
  std::size_t b = offset_of(file, position(member(range, "start")));
  std::size_t e = offset_of(file, position(member(range, "end")));
  if (e < b) std::swap(b, e);
  std::string out = file.content();
  out.replace(b, e - b, string_member(change, "text"));
  return out;
}

}  // namespace

bool is_config_file(const std::string& display) {
  std::string name = fs::path(display).filename().string();
  return name == ".obolint.toml" || name == "pyproject.toml";
}

Session::Session(SessionOptions options, Send send)
    : options_(std::move(options)), send_(std::move(send)) {}

Session::~Session() = default;

void Session::log(int type, const std::string& text) {
  send_(log_message(type, text));
}

Session::Document* Session::find(const std::string& uri) {
  auto it = docs_.find(uri);
  return it == docs_.end() ? nullptr : it->second.get();
}

void Session::reload(Workspace& ws) {
  broken_.erase(&ws);
  try {
    std::string problem = ws.reload();
    if (!problem.empty()) {
      send_(show_message(2, "obolint: configuration not used (defaults apply): " + problem));
    }
  } catch (const RuleError& e) {
    broken_.insert(&ws);
    send_(show_message(1,
                       std::string("obolint: broken rule data, nothing is analysed: ") + e.what()));
  }
}

void Session::add_folder(const fs::path& root) {
  for (const auto& f : folders_) {
    if (f->root() == root) return;
  }
  folders_.push_back(std::make_unique<Workspace>(root, options_.rules_dir, true));
  reload(*folders_.back());
}

void Session::remove_folder(const fs::path& root) {
  auto it = std::find_if(folders_.begin(), folders_.end(),
                         [&](const auto& f) { return f->root() == root; });
  if (it == folders_.end()) return;
  std::unique_ptr<Workspace> gone = std::move(*it);
  folders_.erase(it);
  // Its documents move to whatever holds them now.
  for (auto& [uri, doc] : docs_) {
    if (doc->ws != gone.get()) continue;
    auto path = path_from_uri(uri);
    doc->ws = workspace_for(path.value_or(fs::path()), !path);
    if (path) doc->display = doc->ws->display_path(*path);
    schedule(*doc, Clock::now());
  }
  broken_.erase(gone.get());
}

Workspace* Session::workspace_for(const fs::path& file, bool untitled) {
  Workspace* best = nullptr;
  for (const auto& f : folders_) {
    if (!untitled && f->contains(file) &&
        (!best || f->root().native().size() > best->root().native().size())) {
      best = f.get();
    }
  }
  if (best) return best;
  // Outside every folder (or unsaved): analysed alone, with the configuration found from its
  // folder (an unsaved buffer: the first workspace folder's, else the server's directory's).
  std::error_code ec;
  fs::path root = !untitled           ? file.parent_path()
                  : !folders_.empty() ? folders_.front()->root()
                                      : fs::current_path(ec);
  auto& slot = loose_[root];
  if (!slot) {
    slot = std::make_unique<Workspace>(root, options_.rules_dir, false);
    reload(*slot);
  }
  return slot.get();
}

void Session::schedule(Document& doc, Clock::time_point when) {
  if (doc.excluded) return;
  doc.due = when;
}

void Session::open(const std::string& uri, const std::string& language, int version,
                   std::string text) {
  auto doc = std::make_unique<Document>();
  doc->uri = uri;
  doc->language = language;
  doc->version = version;
  doc->text = std::move(text);
  auto path = path_from_uri(uri);
  doc->ws = workspace_for(path.value_or(fs::path()), !path);
  if (path) {
    doc->display = doc->ws->display_path(*path);
    Workspace& ws = *doc->ws;
    // A file created since the last discovery: discover again before judging it excluded.
    if (ws.indexes_disk() && !ws.discovered(doc->display) && ws.newer_than_index(*path)) {
      ws.refresh_index();
    }
    doc->excluded = ws.excluded(doc->display);
  } else {
    doc->display = "untitled-" + std::to_string(++untitled_) + extension_for(language);
  }
  Document& d = *doc;
  docs_[uri] = std::move(doc);
  if (d.excluded) {
    log(3, "obolint: " + d.display + " is not analysed: the folder's scan excludes it " +
               "(configuration, .gitignore or a default skip)");
    send_(notification("textDocument/publishDiagnostics",
                       {{"uri", uri}, {"diagnostics", nlohmann::json::array()}}));
    return;
  }
  schedule(d, Clock::now());
}

void Session::change(const std::string& uri, int version, const nlohmann::json& changes) {
  Document* doc = find(uri);
  if (!doc) {
    // A change for a document never opened (its didOpen was too large to read, say): with a full
    // text it can still be analysed.
    if (changes.is_array() && !changes.empty() && !changes.back().contains("range")) {
      open(uri, "", version, string_member(changes.back(), "text"));
    }
    return;
  }
  if (!changes.is_array()) throw ParamsError("\"contentChanges\" must be an array");
  for (const auto& c : changes) {
    doc->text = c.contains("range") ? apply_ranged(doc->display, std::move(doc->text), c)
                                    : string_member(c, "text");
  }
  doc->version = version;
  schedule(*doc, Clock::now() + options_.debounce);
}

void Session::save(const std::string& uri) {
  Document* doc = find(uri);
  if (!doc) return;
  disk_changed(uri);
}

void Session::disk_changed(const std::string& uri) {
  auto path = path_from_uri(uri);
  if (!path) return;
  Workspace* ws = workspace_for(*path, false);
  std::string display = ws->display_path(*path);
  if (is_config_file(display)) {
    reload(*ws);
    ws->refresh_index();
    for (auto& [u, d] : docs_) {
      if (d->ws != ws) continue;
      d->excluded = ws->excluded(d->display);
      schedule(*d, Clock::now());
    }
    return;
  }
  ws->disk_changed(display);
  // What imports the file may read it differently now: the open documents of its folder are
  // analysed again once the burst of changes (a checkout, a formatter) is over.
  for (auto& [u, d] : docs_) {
    if (d->ws == ws && u != uri && !d->due) schedule(*d, Clock::now() + options_.debounce);
  }
}

void Session::close(const std::string& uri) {
  auto it = docs_.find(uri);
  if (it == docs_.end()) return;
  Workspace* ws = it->second->ws;
  std::string display = it->second->display;
  // Edits that were never saved: the modules importing this one read the disk's text again.
  std::vector<Note> ignored;
  auto on_disk = read_source(display, ws->absolute(display), ws->max_file_size(), ignored);
  bool unsaved_edits = !on_disk || on_disk->content() != it->second->text;
  docs_.erase(it);
  send_(notification("textDocument/publishDiagnostics",
                     {{"uri", uri}, {"diagnostics", nlohmann::json::array()}}));
  ws->disk_changed(display);  // the disk's text counts again for the modules importing it
  if (!unsaved_edits) return;
  for (auto& [u, d] : docs_) {
    if (d->ws == ws && !d->due) schedule(*d, Clock::now() + options_.debounce);
  }
}

std::optional<Session::Clock::time_point> Session::next_due() const {
  std::optional<Clock::time_point> next;
  for (const auto& [uri, doc] : docs_) {
    if (doc->due && (!next || *doc->due < *next)) next = doc->due;
  }
  return next;
}

void Session::refresh_idle(Clock::time_point now) {
  for (auto& f : folders_) {
    // Discovery costs a walk of the folder: at most every few seconds, and only while idle.
    if (now - f->indexed_at() > std::chrono::seconds(5)) f->refresh_index();
  }
}

}  // namespace obolint::lsp

// The analysis side of Session: running the pipeline over due documents, publishing their
// diagnostics, and the code actions that read the last analysis.
#include <cstdio>
#include <map>

#include "discover/discover.h"
#include "engine/scan.h"
#include "lsp/code_actions.h"
#include "lsp/protocol.h"
#include "lsp/session.h"
#include "lsp/session_internal.h"
#include "lsp/uri.h"

namespace obolint::lsp {
namespace fs = std::filesystem;

void Session::analyse_due(Clock::time_point now) {
  std::map<Workspace*, std::set<std::string>> by_workspace;
  for (auto& [uri, doc] : docs_) {
    if (!doc->due || *doc->due > now) continue;
    doc->due.reset();
    by_workspace[doc->ws].insert(doc->display);
  }
  for (auto& [ws, changed] : by_workspace) analyse(*ws, changed);
}

void Session::analyse(Workspace& ws, const std::set<std::string>& changed) {
  if (broken_.count(&ws)) return;
  std::map<std::string, std::string_view, std::less<>> buffers;
  for (const auto& [uri, doc] : docs_) {
    if (doc->ws == &ws && !doc->excluded) buffers.emplace(doc->display, doc->text);
  }
  Analysis a = ws.analyze(changed, buffers);
  std::string what = *changed.begin() + (changed.size() > 1 ? " and others" : "");
  char ms[32];
  std::snprintf(ms, sizeof ms, "%.1f", a.milliseconds);
  log(4, "obolint: analysed " + what + " (" + std::to_string(a.targets.size()) + " target(s), " +
             std::to_string(a.inputs) + " file(s) read) in " + ms + " ms");
  for (auto& [uri, doc] : docs_) {
    if (doc->ws != &ws || doc->excluded || !a.targets.count(doc->display)) continue;
    doc->analysed = std::make_unique<SourceFile>(
        doc->display, doc->text, classify(fs::path(doc->display), doc->text.substr(0, 256)));
    doc->findings.clear();
    doc->notes.clear();
    if (auto f = a.findings.find(doc->display); f != a.findings.end()) doc->findings = f->second;
    if (auto n = a.notes.find(doc->display); n != a.notes.end()) doc->notes = n->second;
    doc->analysed_version = doc->version;
    publish(*doc, &a);
  }
}

Locate Session::locator(Workspace& ws, const Analysis* analysis, TextCache& read) {
  return [this, &ws, analysis, &read](const std::string& display) {
    for (const auto& [uri, doc] : docs_) {
      if (doc->ws == &ws && doc->display == display) return Place{uri, doc->analysed.get()};
    }
    Place place{uri_from_path(ws.absolute(display)), nullptr};
    if (analysis) {
      if (auto it = analysis->files.find(display); it != analysis->files.end()) {
        place.text = it->second.get();
      }
    }
    if (!place.text) {
      // Related locations in files the analysis kept no text of: read once per reply.
      auto& slot = read[display];
      std::vector<Note> ignored;
      if (!slot) slot = read_source(display, ws.absolute(display), ws.max_file_size(), ignored);
      place.text = slot.get();
    }
    return place;
  };
}

void Session::publish(Document& doc, const Analysis* analysis) {
  TextCache read;
  Locate locate = locator(*doc.ws, analysis, read);
  nlohmann::json diagnostics =
      document_diagnostics(doc.findings, doc.notes, doc.ws->rules(), *doc.analysed, locate);
  send_(notification("textDocument/publishDiagnostics", {{"uri", doc.uri},
                                                         {"version", doc.analysed_version},
                                                         {"diagnostics", std::move(diagnostics)}}));
}

nlohmann::json Session::code_actions(const std::string& uri, const Range& range,
                                     bool quickfix_wanted) {
  Document* doc = find(uri);
  if (!doc || doc->excluded || broken_.count(doc->ws)) return nlohmann::json::array();
  // Actions are computed on the text the editor shows: analyse a pending edit first.
  if (doc->due || doc->analysed_version != doc->version || !doc->analysed) {
    doc->due.reset();
    analyse(*doc->ws, {doc->display});
  }
  if (!doc->analysed) return nlohmann::json::array();
  Workspace& ws = *doc->ws;
  Reanalyse reanalyse = [&](const std::string& text) -> std::optional<Reanalysis> {
    std::map<std::string, std::string_view, std::less<>> buffers;
    for (const auto& [u, d] : docs_) {
      if (d->ws == &ws && !d->excluded) buffers.emplace(d->display, d->text);
    }
    buffers[doc->display] = text;
    Analysis a = ws.analyze({doc->display}, buffers);
    Reanalysis r;
    if (auto f = a.findings.find(doc->display); f != a.findings.end()) r.findings = f->second;
    if (auto n = a.notes.find(doc->display); n != a.notes.end()) r.notes = n->second;
    return r;
  };
  TextCache read;
  CodeActionRequest request{*doc->analysed, uri, doc->findings, range, quickfix_wanted};
  nlohmann::json actions =
      lsp::code_actions(request, ws.rules(), locator(ws, nullptr, read), reanalyse);
  // The checks analysed edited texts: the module index reads the editor's text again.
  ws.buffer_changed(doc->display, doc->text);
  return actions;
}

}  // namespace obolint::lsp

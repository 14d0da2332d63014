// Session's document record, shared by session.cpp (document sync, folders) and
// session_analysis.cpp (analyses, diagnostics, code actions).
#pragma once

#include "lsp/session.h"

namespace obolint::lsp {

struct Session::Document {
  std::string uri;
  std::string language;
  std::string display;  // the path the pipeline sees (relative to the workspace root)
  Workspace* ws = nullptr;
  int version = 0;
  std::string text;
  bool excluded = false;  // a scan of the folder would not read it: no diagnostics
  std::optional<Clock::time_point> due;
  // The last analysis: the text it saw and what it found there (code actions read them).
  int analysed_version = -1;
  std::unique_ptr<SourceFile> analysed;
  std::vector<Finding> findings;
  std::vector<Note> notes;
};

// .obolint.toml or pyproject.toml: saving one reloads its folder's settings.
bool is_config_file(const std::string& display);

}  // namespace obolint::lsp

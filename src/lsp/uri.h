// file:// URIs (RFC 8089, as editors send them: percent-encoded UTF-8, an empty or "localhost"
// authority) to filesystem paths and back.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace obolint::lsp {

// The absolute, lexically normal path of a file URI; nullopt for another scheme (untitled:,
// vscode-notebook-cell:, ...), a remote authority or a malformed escape.
std::optional<std::filesystem::path> path_from_uri(std::string_view uri);

// "file://" and the absolute path, every byte outside the unreserved set and '/' escaped.
std::string uri_from_path(const std::filesystem::path& path);

}  // namespace obolint::lsp

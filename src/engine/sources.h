// Stage 2 of the pipeline: discovered files (or staged blobs) become SourceFiles, each one read,
// decoded and classified, or skipped with a note that says why. No file is ever lost silently.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/finding.h"
#include "core/source_file.h"
#include "discover/discover.h"

namespace obolint {

struct Sources {
  std::vector<std::unique_ptr<SourceFile>> files;
  std::vector<Note> notes;  // discovery notes, then one per skipped file
  int skipped = 0;
};

// Reads every discovered file (discovery's notes are carried over).
Sources read_sources(Discovery found, std::uintmax_t max_size);

// Reads one file into a SourceFile, or explains why it is skipped: not a regular file (FIFO,
// device, socket: never opened for a blocking read), dangling or looping link, too large,
// unreadable, binary.
std::unique_ptr<SourceFile> read_source(const std::string& display_path,
                                        const std::filesystem::path& fs_path,
                                        std::uintmax_t max_size, std::vector<Note>& notes);

// Decodes and classifies bytes already read: UTF-16 with a byte-order mark becomes UTF-8, a lone
// CR (old Mac line ending) becomes LF (same length, so offsets still match the file), NUL in the
// first 8 KiB means binary (skipped), invalid UTF-8 is scanned for secrets only. Null when
// skipped.
std::unique_ptr<SourceFile> make_source(const std::string& display_path, std::string content,
                                        std::vector<Note>& notes);

// UTF-16 text with a byte-order mark (FF FE or FE FF) as UTF-8, without the mark; unpaired
// surrogates become U+FFFD. Returns false (and leaves `out` alone) for anything else.
bool decode_utf16(std::string_view bytes, std::string& out);

}  // namespace obolint

// Notebooks as Python: Jupyter .ipynb files and Databricks source-format notebooks become a
// "virtual" Python source that the Python front end analyses like any module; a line map turns
// every position in it back into a position in the original file.
//
// - Jupyter (.ipynb, nbformat 4): the code cells' `source` strings, concatenated in order. Line
//   magics (`%time ...`), shell lines (`!pip ...`, `x = !ls`) become `pass` at the same
//   indentation; cell magics (`%%sql`, `%%bash`, ...) blank the whole cell, except `%%python`.
//   Notebooks whose kernel language is not Python are left to the secret scan.
// - Databricks source notebooks (first line `# Databricks notebook source`): cells separated by
//   `# COMMAND ----------`. Cells of `# MAGIC %python` lines are un-commented; every other MAGIC
//   cell (%sql, %md, %sh, %scala, %r, %run, %pip) is a comment already and stays one.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/finding.h"
#include "core/source_file.h"

namespace obolint {

enum class NotebookKind { None, Jupyter, DatabricksSource };

// What kind of notebook `file` is, from its extension and first line.
NotebookKind notebook_kind(const SourceFile& file);

class VirtualSource {
 public:
  const SourceFile& original() const { return *original_; }
  // Same path as the original, Language::Python.
  const SourceFile& python() const { return *python_; }
  NotebookKind kind() const { return kind_; }

  // A 1-based (line, column) of the virtual text as a (line, column) of the original file. The
  // column is exact: JSON escapes (\" \\ \n \uXXXX) in the .ipynb are accounted for.
  std::pair<int, int> map_point(int line, int column) const;
  Span map(const Span& span) const;

 private:
  friend std::unique_ptr<VirtualSource> make_virtual_source(const SourceFile&, std::vector<Note>&);
  const SourceFile* original_ = nullptr;
  std::unique_ptr<SourceFile> python_;
  NotebookKind kind_ = NotebookKind::None;
  // Per virtual line: the original byte offset of each byte of the line, then one for its end.
  std::vector<std::vector<std::size_t>> offsets_;
};

// The Python view of a notebook, or null for a file that is not one (or not a Python notebook).
// A broken .ipynb adds a note and returns null (its text is still scanned for secrets).
std::unique_ptr<VirtualSource> make_virtual_source(const SourceFile& file,
                                                   std::vector<Note>& notes);

// Rewrites spans of findings (from index `from` on) and notes (from `notes_from` on) that lie in
// a virtual source, including related locations and flow steps, to the original file's positions.
void map_virtual_positions(const std::vector<std::unique_ptr<VirtualSource>>& virtuals,
                           std::vector<Finding>& findings, std::size_t from,
                           std::vector<Note>& notes, std::size_t notes_from);

}  // namespace obolint

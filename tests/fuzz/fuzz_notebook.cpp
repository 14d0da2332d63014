// Notebooks: the input is a Jupyter .ipynb (first byte even) or a Databricks source notebook
// (first byte odd: "# Databricks notebook source" is put before the rest), analysed with every
// rule through analyze() and the rest of the pipeline (positions mapped back must lie in the file).
#include "fuzz_support.h"

using namespace obolint;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  bool jupyter = (data[0] & 1) == 0;
  std::string text(fuzz::as_text(data + 1, size - 1));
  if (!jupyter) text = "# Databricks notebook source\n" + text;
  ScanOptions options;
  options.jobs = 1;
  options.report_unused_suppressions = true;
  std::vector<InputFile> inputs;
  fuzz::add_in_memory(inputs, jupyter ? "nb.ipynb" : "nb.py", std::move(text));
  Analysis analysis = analyze(std::move(inputs), fuzz::rules(), options);
  fuzz::finish_and_check(analysis, options);
  return 0;
}

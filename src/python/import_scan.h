// The modules a Python file imports, read from its text without parsing it: the prefilter's view
// of a file it did not parse, so that a file which gets the user's token from a helper module
// (and mentions nothing else a rule looks for) is still analysed once that module is.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace obolint::py {

// Dotted module name of a file from its path ("pm_hub/db.py" -> "pm_hub.db"; a package's
// __init__.py is the package).
std::string module_name_for_path(const std::string& path);

// Every module an `import` or `from ... import` statement of `text` may load, absolute: for
// `from pkg import a, b` both "pkg", "pkg.a" and "pkg.b" (either may be a module); relative
// imports are resolved against `module_name` (`is_package`: the file is an __init__.py). Lines
// are read as they come, so imports inside functions count too; string contents may add false
// imports, which only cost a parse.
std::vector<std::string> imported_modules(std::string_view text, const std::string& module_name,
                                          bool is_package);

}  // namespace obolint::py

"""Shared helpers for tools/corpus/checkout and tools/corpus/score (standard library only)."""
import os

try:
    import tomllib  # Python 3.11+
except ModuleNotFoundError:  # pragma: no cover
    tomllib = None


def _load_toml(path):
    with open(path, "rb") as f:
        if tomllib is None:
            raise SystemExit("python3 >= 3.11 (tomllib) is needed")
        return tomllib.load(f)


def load_manifest(path):
    """Return the list of [[repos]] tables of corpus/manifest.toml."""
    data = _load_toml(path)
    return data.get("repos", [])


def load_labels(path):
    """Labels from a file or from every *.toml of a directory ([[label]] tables)."""
    files = []
    if os.path.isdir(path):
        for name in sorted(os.listdir(path)):
            if name.endswith(".toml"):
                files.append(os.path.join(path, name))
    else:
        files.append(path)
    labels = []
    for fp in files:
        data = _load_toml(fp)
        for lab in data.get("label", []):
            lab = dict(lab)
            lab["_file"] = os.path.basename(fp)
            labels.append(lab)
    return labels

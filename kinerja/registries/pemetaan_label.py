"""Saving a mapping from the upload's label step (D182): the chosen codes added to its label
tables, saved under the name the clerk gave (a new version when that name exists) through the
mapping core's audited `mapping_save`, which also checks who may save it."""

from .mapping import MappingError, MappingSpec, spec_from_dict
from .mapping.services import mapping_save


def save_with_labels(
    user, spec: MappingSpec, name: str, added: dict[str, dict[str, str]]
) -> MappingSpec:
    """`spec` with `added` ({table: {label: code}}) saved as `name`; returns the saved version.
    The codes were checked against the column's list by the form (LabelForm)."""
    data = spec.to_dict()
    data["name"] = name
    tables = data.setdefault("labels", {})
    for table, rows in added.items():
        if table not in tables:
            raise MappingError(f"Tabel label '{table}' tidak ada di pemetaan {spec.name}.")
        for label, code in rows.items():
            tables[table][label.strip()] = code
    if data.get("title") in ("", "Pemetaan baru"):
        data["title"] = name
    new = ", ".join(label for rows in added.values() for label in rows)
    source = f"dari {spec.name} v{spec.version}" if not spec.builtin else f"dari bawaan {spec.name}"
    catatan = f"unggah web, {source}" + (f"; label ditambahkan: {new}" if new else "")
    return mapping_save(user=user, spec=spec_from_dict(data), catatan=catatan)

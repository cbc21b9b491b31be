"""The computation engine: indicator definitions (data) -> unit rows (stage 1) -> figures (stage 2)."""

"""SAKIP below the IKU: the performance tree (pohon kinerja) of a Renstra and its indicators.

Models (kinerja/sakip/models, stable for other apps):

- `Renstra`: one strategic-plan period of any length (`periode_awal`..`periode_akhir`) of a kab/kota,
  in a version (`versi`, `menggantikan` for a Renstra Perubahan), linked to the IKU decree version(s)
  of `kinerja.indicators` that belong to it (`keputusan`). `dikunci` freezes it: its tree, targets and
  typed values are then read-only. A Renstra Perubahan (`services.perubahan`) is version n+1 with a
  copy of the tree, in force from `berlaku_mulai`; `Renstra.objects.for_year(tahun)` is the version
  in force in a year (D250-D253).
- `Simpul`: one node of the tree. `tingkat` is tujuan > sasaran (strategis) > program > kegiatan >
  sub_kegiatan, `induk` its parent (NULL for a tujuan), `kode` unique within the Renstra. A program
  names its responsible `bidang` and its `sasaran` (sasaran program); a kegiatan its `seksi`. Programme,
  kegiatan and sub-kegiatan codes are the budget codes of `performance.Anggaran` (matched by code per
  year: `selectors.anggaran_of`).
- `IndikatorKinerja`: an indicator of a node (indikator tujuan, IKU at a sasaran, indikator program,
  kegiatan, keluaran). `jenis` = `dihitung` (a catalogue IKU code, `iku_kode`, computed only through
  `kinerja.indicators.engine`; its approval is the IKU's own `performance.Persetujuan`) or `diketik`
  (typed: `satuan`, `polaritas`, `frekuensi` triwulan/bulan, responsible `bidang`).
- `TargetIndikator`: the target of an indicator for a year (`periode` NULL) or one of its periods.
- `Realisasi`: a typed value for one year and period (quarter 1-4 or month 1-12 by the indicator's
  `frekuensi`), with its note and approval status (`performance.Status`); approval copies value and
  the evidence hashes into `beku_*` and the row refuses every later change.
- `BuktiDukung`: one evidence file of a typed value, stored outside the web root with its SHA-256,
  size and content-checked type; served only as an attachment, every download logged.
"""

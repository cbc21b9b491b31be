"""`kinerja lke_muat`: a new regulation or weight is a data change."""

import json

import pytest
from django.core.management import call_command

from kinerja.evaluasi.models import Lke
from kinerja.evaluasi.services.lke_data import lke_bawaan


def _run(tmp_path, data, *args):
    path = tmp_path / "lke.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        call_command("lke_muat", str(path), *args)
    return exit_.value.code


def test_a_new_version_with_other_weights_loads(db, tmp_path, capsys):
    data = lke_bawaan() | {"kode": "permenpanrb-2027", "berlaku_mulai": 2027}
    data["komponen"][0]["bobot"] = "35"
    data["komponen"][0]["sub_komponen"][2]["bobot"] = "20"
    data["komponen"][3]["bobot"] = "20"
    data["komponen"][3]["sub_komponen"][2]["bobot"] = "7.5"
    path = tmp_path / "lke.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    call_command("lke_muat", str(path))
    assert "dimuat: berlaku mulai 2027, 80 kriteria" in capsys.readouterr().out
    assert list(Lke.objects.values_list("kode", flat=True)) == [
        "permenpanrb-2027",
        "permenpanrb-88-2021",
    ]


@pytest.mark.parametrize(
    "change,message",
    [
        (
            lambda d: d["komponen"][0].update(bobot="31"),
            "bobot sub komponen berjumlah 30, bukan 31",
        ),
        (
            lambda d: d["komponen"][1]["sub_komponen"][0].update(skala="x"),
            "skala 'x' tidak dikenal",
        ),
        (lambda d: d["skala"]["a_e"].append(["F", "2"]), "harus antara 0 dan 1"),
        (lambda d: d.pop("predikat"), "bagian 'predikat' tidak ada"),
    ],
)
def test_a_bad_file_saves_nothing_and_exits_2(db, tmp_path, capsys, change, message):
    data = lke_bawaan() | {"kode": "salah"}
    change(data)
    assert _run(tmp_path, data) == 2
    assert message in capsys.readouterr().err
    assert not Lke.objects.filter(kode="salah").exists()


def test_the_built_in_version_cannot_be_loaded_twice(db, tmp_path, capsys):
    assert _run(tmp_path, lke_bawaan()) == 2
    assert "sudah ada" in capsys.readouterr().err

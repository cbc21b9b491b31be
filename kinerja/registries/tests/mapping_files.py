"""Files from other systems, written by hand to contract section 5 (not produced by the code).

A small world of Kota Banjarbaru in 2025, its figures counted by hand:
- IKU-2: in scope, luar panti: Siti (disabilitas), Budi (gelandangan), Mbah Sarni (lansia),
  Dodi (anak terlantar) = 4. Served with basic needs inside their registration: Siti (20 Maret,
  registered 14 Maret), Mbah Sarni (1 Maret, registered 14/02). Budi's pakaian (5 Jan) is before
  his registration (10 Jan); Dodi's row is rejected (SEPATU). 2 / 4 = 50.
- IKU-3B: DTKS 2025-06 holds Siti, Budi, Rina, Joko = 4; paid in 2025: Siti (PKH tahap 2), Budi
  (BPNT tahap 1), Rina (KUBE, 15 Mei). Wati's payment is paid but she is not in the DTKS. 3 / 4 = 75.
- IKU-4: event BNC-2025-01 (1 April 2025): victims Siti, Budi, the baby without NIK, Rina = 4;
  with aid for the event: Siti (sembako, selimut), the baby (tenda). 2 / 4 = 50.
"""

NIK_SITI = "6372044501900001"  # P, 05-01-1990
NIK_BUDI = "6372040501900002"  # L, 05-01-1990
NIK_JOKO = "6372041203850003"  # L, 12-03-1985
NIK_SARNI = "6372035506500004"  # P, 15-06-1950
NIK_DODI = "6372031010150005"  # L, 10-10-2015
NIK_RINA = "6372024202800006"  # P, 02-02-1980
NIK_AGUS = "6372020303700007"  # L, 03-03-1970
NIK_WATI = "6372054404880008"  # P, 04-04-1988

# siks-ppks, Indonesian Excel (`;`), header spellings other than section 5's first ones.
PPKS = f"""Nik;No. KK;Nama;Jenis Kelamin;Tanggal Lahir;Kecamatan;Desa_Kelurahan;Jenis PMKS;Tanggal Daftar;Lokasi
'{NIK_SITI};6372041234560001;SITI AMINAH;PEREMPUAN;5 Januari 1990;Kec. Banjarbaru Utara;Kel. Komet;PENYANDANG DISABILITAS;14 Maret 2025;LUAR PANTI
{NIK_BUDI} ;6372041234560001;BUDI;LAKI-LAKI;05/01/1990;BANJARBARU UTARA;MENTAOS;Gelandangan;2025-01-10;
{NIK_SARNI};6372031234560002;SARNI;2;15-06-1950;Cempaka;Cempaka;LANSIA TERLANTAR;14/02/2025;Luar Panti
{NIK_DODI};6372031234560002;DODI;1;;Kecamatan Cempaka;Desa Cempaka;Anak Terlantar;01-03-2025;
{NIK_RINA};6372021234560003;RINA;P;;Landasan Ulin;Syamsudin Noor;Anak Dengan Kedisabilitasan;2025-02-01;
{NIK_AGUS};;AGUS;L;;Landasan Ulin;Syamsudin Noor;GEPENG;2025-02-01;
{NIK_WATI};;WATI;P;;Banjarbaru Selatan;Kemuning;WARIA;2025-02-01;
{NIK_JOKO};;JOKO;L;;Banjarbaru Utara;Komett;PENGEMIS;2025-02-01;
{NIK_JOKO};;JOKO;L;;Kec. Cempaka;Komet;PENGEMIS;2025-02-01;
{NIK_JOKO};;JOKO;L;;Banjarbaru Utara;Komet;PENGEMIS;31 Februari 2025;
{NIK_JOKO};;JOKO;L;;Banjarbaru Utara;Komet;PENYANDANG DISABILITAS (PD);14 Mar 2025;DALAM PANTI
{NIK_WATI};;WATI;X;;Banjarbaru Selatan;Kemuning;PEMULUNG;2025-02-01;
{NIK_JOKO};;JOKO;L;;Banjarbaru Utara;Komet;Orang dengan HIV/AIDS (ODHA);2025-02-01;
"""
PPKS_COUNTS = (13, 7, 6)  # rows read, accepted, rejected
PPKS_REASONS = {
    7: "Jenis PMKS: label 'GEPENG' ambigu (gelandangan atau pengemis",
    8: "Jenis PMKS: label 'WARIA' tidak dikenal di pemetaan siks-ppks",
    9: "kelurahan/desa 'Komett' tidak ada di kecamatan 'Banjarbaru Utara'",
    10: "kelurahan/desa 'Komet' tidak ada di kecamatan 'Kec. Cempaka'",
    11: "Tanggal Daftar: '31 Februari 2025' bukan tanggal yang benar",
    13: "Jenis Kelamin: jenis kelamin 'X' tidak dikenal",
}

# A user's own mapping file: the kelurahan's meal list (basic needs) for IKU-2.
PERMAKANAN_MAPPING = """{
  "format": "kinerja-pemetaan/1",
  "name": "permakanan-kelurahan",
  "kind": "layanan",
  "title": "Daftar penerima permakanan dari kelurahan",
  "columns": [
    {"to": "nik", "from": ["NIK PENERIMA"], "as": "nik", "required": true},
    {"to": "nama", "from": ["NAMA"]},
    {"to": "tanggal", "from": ["TGL"], "as": "date", "required": true},
    {"to": "jenis_layanan", "from": ["BANTUAN"], "as": "labels", "labels": "bantuan", "required": true},
    {"to": "sumber_dana", "constant": "APBD"},
    {"to": "keterangan", "from": ["CATATAN"]}
  ],
  "labels": {"bantuan": {"NASI KOTAK": "permakanan", "PAKAIAN": "sandang"}}
}
"""
PERMAKANAN = f"""NIK Penerima,Nama,Tgl,Bantuan,Catatan
{NIK_SITI},SITI AMINAH,20 Maret 2025,Nasi Kotak,dari Café Bu Ani
{NIK_BUDI},BUDI,2025-01-05,PAKAIAN,
{NIK_SARNI},SARNI,2025-03-01,nasi kotak,
{NIK_DODI},DODI,2025-03-05,SEPATU,
"""
PERMAKANAN_ENCODING = "cp1252"  # an old Excel CSV: not UTF-8
PERMAKANAN_COUNTS = (4, 3, 1)

# siks-dtks: SIKS-NG's individual export (`|`), its misspelt DESA/KELUARAHAN header included.
DTKS = f"""ID DTKS|PROVINSI|KABUPATEN/KOTA|KECAMATAN|DESA/KELUARAHAN|ALAMAT|DUSUN|RT|RW|NOMOR KK|NOMOR NIK|NAMA|TANGGAL LAHIR|TEMPAT LAHIR|JENIS KELAMIN|NAMA IBU KANDUNG|HUBUNGAN KELUARGA|DESIL
DTKS-001|KALIMANTAN SELATAN|KOTA BANJARBARU|BANJARBARU UTARA|KOMET|JL. A||001|002|6372041234560001|{NIK_SITI}|SITI AMINAH|05-01-1990|BANJARBARU|PEREMPUAN|IBU A|ISTRI|1
DTKS-002|KALIMANTAN SELATAN|KOTA BANJARBARU|BANJARBARU UTARA|MENTAOS|JL. A||001|002|6372041234560001|{NIK_BUDI}|BUDI|05-01-1990|BANJARBARU|LAKI-LAKI|IBU B|KEPALA KELUARGA|1
DTKS-003|KALIMANTAN SELATAN|Banjarbaru|Kec. Landasan Ulin|Kel. Syamsudin Noor|JL. B||003|001|6372021234560003|{NIK_RINA}|RINA|02-02-1980|MARTAPURA|2|IBU C|KEPALA KELUARGA|
DTKS-004|KALIMANTAN SELATAN|KABUPATEN BANJAR|MARTAPURA|JAWA|JL. C||001|001|6303011234560004|{NIK_AGUS}|AGUS|03-03-1970|MARTAPURA|1|IBU D|KEPALA KELUARGA|2
DTKS-005|KALIMANTAN SELATAN|KOTA BANJARBARU|BANJARBARU SELATAN|KEMUNING|JL. D||001|001|6372051234560005||WATI|04-04-1988|BANJARBARU|P|IBU E|KEPALA KELUARGA|2
DTKS-006|KALIMANTAN SELATAN|KOTA BANJARBARU|BANJARBARU SELATAN|KEMUNING|JL. D||001|001|6372051234560005|{NIK_WATI}|WATI|04-04-1988|BANJARBARU|P|IBU E|KEPALA KELUARGA|11
DTKS-007|KALIMANTAN SELATAN|KOTA BANJARBARU|BANJARBARU UTARA|KOMET|JL. E||002|002|6372041234560007|{NIK_JOKO}|JOKO|12-03-1985|BANJARBARU|Laki Laki|IBU F|KEPALA KELUARGA|3
"""
DTKS_COUNTS = (7, 4, 3)
DTKS_REASONS = {
    5: "kab/kota 'KABUPATEN BANJAR' di luar Kota Banjarbaru",
    6: "NOMOR NIK kosong",
    7: "desil '11' harus bilangan bulat 1 sampai 10",
}

# bansos-salur: a payout list per KPM (tab-separated), tahap written three ways.
SALUR = f"""NIK\tNAMA\tNO KK\tKECAMATAN\tKELURAHAN\tJENIS BANSOS\tTAHAP SALUR\tTANGGAL SALUR\tNOMINAL\tSTATUS SALUR
{NIK_SITI}\tSITI AMINAH\t6372041234560001\tBANJARBARU UTARA\tKOMET\tPKH\tTahap 2 Tahun 2025\t\t750.000\tSUKSES
{NIK_BUDI}\tBUDI\t6372041234560001\tBANJARBARU UTARA\tMENTAOS\tBPNT\tTAHAP 1 2025\t\tRp 600.000\tTersalur
{NIK_RINA}\tRINA\t6372021234560003\tLANDASAN ULIN\tSYAMSUDIN NOOR\tKube\tTahap II 2025\t15 Mei 2025\t2000000\tsukses salur
{NIK_JOKO}\tJOKO\t6372041234560007\tBANJARBARU UTARA\tKOMET\tPKH\tTahap 3 Tahun 2025\t\t750000\tGAGAL
{NIK_JOKO}\tJOKO\t6372041234560007\tBANJARBARU UTARA\tKOMET\tPKH\tTahap 5 Tahun 2025\t\t750000\tSUKSES
{NIK_JOKO}\tJOKO\t6372041234560007\tBANJARBARU UTARA\tKOMET\tBANSOS LAIN\tTahap 3 Tahun 2025\t\t750000\tSUKSES
{NIK_JOKO}\tJOKO\t6372041234560007\tBANJARBARU UTARA\tKOMET\tPKH\tTahap 4 Tahun 2025\t\t750000\t
{NIK_WATI}\tWATI\t6372051234560005\tBANJARBARU SELATAN\tKEMUNING\tProgram Sembako\tTahap I 2025\t\t200000\tSALUR
"""
SALUR_COUNTS = (8, 4, 4)
SALUR_REASONS = {
    5: "belum tersalur (status: GAGAL)",
    6: "TAHAP SALUR: tahap 'Tahap 5 Tahun 2025' di luar 1-4",
    7: "JENIS BANSOS: label 'BANSOS LAIN' tidak dikenal di pemetaan bansos-salur",
    8: "belum tersalur (status: kosong)",
}

# The event, in the section-1 layout; then its BNBA list.
BENCANA = """kode_kejadian,jenis,sub_jenis,tanggal_kejadian,kode_wilayah
BNC-2025-01,alam,banjir,2025-04-01,63.72.04.1003
"""
BNBA = f"""NAMA,NIK,ID LOKAL,NO KK,JENIS KELAMIN,UMUR,KECAMATAN,KELURAHAN,KONDISI,BANTUAN,TANGGAL BANTUAN
SITI AMINAH,{NIK_SITI},,6372041234560001,P,35,Banjarbaru Utara,Komet,MENGUNGSI,"SEMBAKO; SELIMUT",02/04/2025
BUDI,{NIK_BUDI},,,L,35,Banjarbaru Utara,Mentaos,Luka Ringan,,
BAYI TANPA NIK,,BNC-L-01,,L,0,Banjarbaru Utara,Komet,RUMAH RUSAK,Tenda,2025-04-03
AGUS,{NIK_AGUS},,,L,55,Landasan Ulin,Syamsudin Noor,MENINGGAL DUNIA,"SANTUNAN, PAYUNG",2025-04-02
WATI,{NIK_WATI},,,P,37,Banjarbaru Selatan,Kemuning,TERDAMPAK,LDP,
JOKO,{NIK_JOKO},,,L,40,Banjarbaru Utara,Komet,HILANG,,
RINA,{NIK_RINA},,,P,45,Landasan Ulin,Syamsudin Noor,,,
"""
BNBA_COUNTS = (7, 4, 3)
BNBA_LAYANAN = 3  # Siti: permakanan, sandang; the baby: tempat_penampungan
BNBA_REASONS = {
    5: "BANTUAN: label 'PAYUNG' tidak dikenal di pemetaan bnba-korban",
    6: "TANGGAL BANTUAN kosong",
    7: "KONDISI: label 'HILANG' tidak dikenal di pemetaan bnba-korban",
}

FIGURES = {"IKU-2": (2, 4, 50.0), "IKU-3B": (3, 4, 75.0), "IKU-4": (2, 4, 50.0)}

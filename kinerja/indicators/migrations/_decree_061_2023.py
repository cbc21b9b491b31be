"""The text of Keputusan Kepala Dinas Sosial Kota Banjarbaru No. 061 Tahun 2023, Lampiran.

Kept verbatim. The only mends are plain typing slips, each listed in docs/katalog-iku.md:
"msysrakat" -> "masyarakat" (IKU-4 makna), "yang yang" -> "yang" (IKU-2 cara perhitungan),
"( jasmani , rohani dan sosial )" spacing (IKU-2 makna), "Bidang pemberdayaan Sosial" capital P.
This module is frozen history used by a migration: never edit it; amend the catalogue instead.
"""

KEPUTUSAN = {
    "kode_wilayah": "63.72",
    "versi": 1,
    "nomor": "061 Tahun 2023",
    "judul": "Penetapan Indikator Kinerja Utama Dinas Sosial Kota Banjarbaru Tahun 2021-2026",
    "tanggal_ditetapkan": "2023-01-31",
    # The decree fixes the IKU of the Renstra 2021-2026; it is the definition for every year of that
    # period, including those before it was signed (docs/keputusan-desain.md, D1).
    "berlaku_mulai": "2021-01-01",
    "periode_awal": 2021,
    "periode_akhir": 2026,
    "nama_organisasi": "DINAS SOSIAL KOTA BANJARBARU",
    "tugas": (
        "Melaksanakan urusan pemerintahan dalam bidang sosial yang menjadi kewenangan Daerah dan "
        "tugas pembantuan yang diberikan."
    ),
    "fungsi": [
        "Perumusan kebijakan teknis dalam bidang sosial sesuai dengan kebijakan umum yang ditetapkan oleh Walikota;",
        "Penyelenggaraan urusan pemerintahan dan pelayanan umum di bidang sosial;",
        "Perumusan dan penetapan kebijakan operasional, pembinaan, pengaturan, pelaksanaan dan pelayanan sosial;",
        "Perumusan dan penetapan kebijakan operasional, pembinaan, pengaturan, pelaksanaan dan pelayanan kesejahteraan sosial;",
        "Pembinaan dan pengendalian unit pelaksana teknis dinas lingkup dinas sosial;",
        "Pengelolaan urusan kesekretariatan.",
    ],
    "penandatangan_jabatan": "Kepala Dinas Sosial Kota Banjarbaru",
    "penandatangan_nama": "ROKHYAT RIYADI, SE.M.Si",
    "penandatangan_pangkat": "Pembina Tingkat I",
    "penandatangan_nip": "19700503 199803 1 009",
    "catatan": "Penetapan awal Indikator Kinerja Utama 2021-2026.",
}

SASARAN = [
    (1, "Meningkatnya Kemampuan PSKS Kelembagaan Masyarakat dan LK3"),
    (
        2,
        "Meningkatnya pemberian bantuan pemenuhan kebutuhan dasar bagi penyandang disabilitas "
        "terlantar, anak terlantar, lanjut usia terlantar, serta gelandangan pengemis di luar panti",
    ),
    (3, "Meningkatnya perlindungan dan jaminan sosial bagi anak terlantar dan fakir miskin"),
    (
        4,
        "Meningkatnya pemberian bantuan pemenuhan kebutuhan dasar bagi korban bencana alam dan sosial",
    ),
]

LINJAMSOS = "Bidang Perlindungan Sosial dan Jaminan Sosial"

INDIKATOR = [
    {
        "kode": "IKU-1",
        "sasaran": 1,
        "bidang": "pemberdayaan",
        "nama": (
            "Persentase pekerja sosial, tenaga kesejahteraan sosial keluarga, tenaga sumber "
            "kesejahteraan kelembagaan masyarakat dan LK3 yang memperoleh fasilitas peningkatan "
            "kemampuan"
        ),
        "makna": (
            "Potensi Sumber Kesejahteraan Sosial (PSKS) adalah potensi dan kemampuan yang ada dalam "
            "masyarakat baik manusiawi, sosial maupun alami yang dapat digali dan didayagunakan untuk "
            "menangani dan mencegah menjaga, menciptakan mendukung dan memperkuat usaha-usaha "
            "kesejahteraan sosial yang dilaksanakan."
        ),
        "alasan": (
            "Untuk menggali potensi masyarakat yang dapat didayagunakan untuk menangani permasalahan "
            "kesejahteraan sosial di Kota Banjarbaru."
        ),
        "cara_perhitungan": (
            "Jumlah Jenis PSKS yang meningkat kemampuannya dibagi Jumlah PSKS di kali 100%"
        ),
        "penanggung_jawab": "Bidang Pemberdayaan Sosial",
    },
    {
        "kode": "IKU-2",
        "sasaran": 2,
        "bidang": "rehabilitasi",
        "nama": (
            "Persentase penyandang disabilitas terlantar, anak terlantar, lanjut usia terlantar, dan "
            "gelandangan pengemis yang terpenuhi kebutuhan dasarnya di luar panti"
        ),
        "makna": (
            "PMKS adalah seorang keluarga atau kelompok masyarakat yang karena suatu hambatan, "
            "kesulitan atau gangguan tidak dapat melaksanakan fungsi sosialnya, sehingga tidak dapat "
            "terpenuhi kebutuhan hidupnya (jasmani, rohani dan sosial) secara memadai dan wajar"
        ),
        "alasan": (
            "Bertujuan Untuk membantu melayani, membina agar PMKS dapat melaksanakan fungsi sosialnya "
            "secara wajar di masyarakat"
        ),
        "cara_perhitungan": (
            "Jumlah Jenis PMKS yang mampu melaksanakan fungsi sosialnya di masyarakat dibagi Jumlah "
            "Jenis PMKS dikali 100%"
        ),
        "penanggung_jawab": "Bidang Rehabilitasi Sosial",
    },
    {
        "kode": "IKU-3A",
        "sasaran": 3,
        "bidang": "linjamsos",
        "nama": "Persentase anak terlantar yang dipelihara",
        "makna": (
            "Seorang anak berusia 6-18 tahun meliputi anak yang mengalami perlakuan salah dan "
            "ditelantarkan oleh orang tua / keluarga atau anak kehilangan hak asuh dari orang atau "
            "keluarga"
        ),
        "alasan": (
            "Anak terlantar mendapatkan jaminan dan perlindungan dan pemeliharaan dan pembinaan kepada "
            "anak agar terhindar dari kekerasan dan diskriminasi"
        ),
        "cara_perhitungan": (
            "Jumlah anak terlantar yang mendapatkan pelatihan dibagi jumlah anak terlantar di kali 100%"
        ),
        "penanggung_jawab": LINJAMSOS,
    },
    {
        "kode": "IKU-3B",
        "sasaran": 3,
        "bidang": "linjamsos",
        "nama": (
            "Persentase fakir miskin yang mendapatkan bantuan sosial kesejahteraan keluarga dan "
            "pengembangan ekonomi masyarakat"
        ),
        "makna": (
            "Fakir miskin adalah orang yang sama sekali tidak mempunyai mata pencaharian dan / atau "
            "mempunyai mata pencaharian tetapi tidak mempunyai kemampuan memenuhi kebutuhan dasar yang "
            "layak bagi kehidupan dirinya dan / atau keluarganya"
        ),
        "alasan": (
            "Bertujuan untuk membantu melayani, membina dan memberikan bantuan agar dapat melaksanakan "
            "peran sosialnya dimasyarakat."
        ),
        "cara_perhitungan": (
            "Jumlah Fakir Miskin yang mendapat bantuan dibagi Jumlah Fakir Miskin yang masuk DTKS Kota "
            "Banjarbaru di kali 100%"
        ),
        "penanggung_jawab": LINJAMSOS,
    },
    {
        "kode": "IKU-4",
        "sasaran": 4,
        "bidang": "linjamsos",
        "nama": (
            "Persentase korban bencana alam dan sosial yang terpenuhi kebutuhannya pada saat dan "
            "setelah tanggap darurat bencana daerah / kota."
        ),
        "makna": (
            "Bencana adalah peristiwa atau rangkaian peristiwa yang mengancam dan mengganggu kehidupan "
            "dan penghidupan masyarakat yang disebabkan baik oleh faktor alam dan / atau faktor "
            "nonalam maupun faktor manusia sehingga mengakibatkan timbulnya korban jiwa manusia, "
            "kerusakan lingkungan, keuangan harta benda dan dampak psikologis."
        ),
        "alasan": (
            "Bantuan kepada korban bencana alam dan sosial yang diberikan untuk membantu pemenuhan "
            "kebutuhan dasarnya"
        ),
        "cara_perhitungan": (
            "Jumlah korban bencana yang mendapatkan bantuan dibagi jumlah korban bencana di kali 100%"
        ),
        "penanggung_jawab": LINJAMSOS,
    },
]

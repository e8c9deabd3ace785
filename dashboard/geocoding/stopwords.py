"""Common words of news text (Indonesian and English) that a naive place-name finder may hand us.

The seed articles are Indonesian news, where days, months, many nouns ("Kementerian", "Pasukan")
and the Indonesian spellings of countries ("Rusia") are capitalised. Within a country context, such a
word is often one or two edits from some village ("Baru" from Baku, "Senin" from Sanahin). A word
listed here is therefore matched exactly or not at all: "Kapan" (Indonesian "when") still resolves to
Kapan, Armenia, when the context holds Armenia, but never to a near-spelling.

Keys are ``normalize.name_key`` forms (ASCII, lower case).
"""

from __future__ import annotations

_INDONESIAN = """
ada adalah agar akan akibat aku anda antara apa apakah arah atas atau bagi bagian bahkan bahwa baik
banyak baru bawah beberapa begitu belum benar berada berapa berbagai berita bersama besar biasa bisa
bukan cara dalam dan dapat dari daripada dekat demikian dengan depan di dia diri dua dulu empat
hal hampir hanya harus hari hingga ini itu jadi jalan jauh jika juga jumlah kalau kami kamu kapan
karena kata ke kecil kedua kemudian kepada kini kita kurang lagi lain lalu lama lebih luar maka
mana masa masih mau melalui memang menjadi menurut mereka merupakan meski minggu mulai namun nanti
oleh orang pada paling para pasti per perlu pernah pertama pula pun saat saja salah sama sampai
sangat satu saya sebagai sebelum sebuah secara sedang sejak sekitar selalu selama seluruh semua
sendiri seorang seperti sering serta setelah siapa sudah supaya tahun tanpa tapi telah tempat
tengah tentang terhadap terjadi tersebut tetap tetapi tiga tidak tinggi untuk utama waktu yaitu yang
senin selasa rabu kamis jumat sabtu pagi siang sore malam kemarin besok sekarang
januari februari maret april mei juni juli agustus september oktober november desember
kota desa kabupaten provinsi kecamatan wilayah daerah negara kawasan perbatasan garis pos markas
pemerintah presiden menteri kementerian pertahanan luar negeri dalam negeri militer tentara pasukan
angkatan darat udara laut bersenjata artileri senjata api kaliber mortir parit pesawat berawak drone
serangan penembakan bentrokan bentrok pertempuran perang gencatan senjata kesepakatan pernyataan
laporan media sumber pejabat juru bicara korban tewas luka prajurit warga sipil rakyat pihak musuh
bebuyutan sejumlah langkah situasi stabil tanggapan proporsional tindakan subversif skala kerugian
setempat waktu setempat mematikan intensif posisi kementerian federasi jenderal
rusia amerika serikat eropa turki inggris perancis prancis jerman tiongkok cina jepang arab
"""

_ENGLISH = """
a an and as at by for from in into of on or the to with
monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow morning evening night
january february march june july august september october november december
ministry defence defense army forces troops border ceasefire shelling attack statement reports media
source sources officials government president minister military soldiers civilians war
"""

STOPWORDS: frozenset[str] = frozenset((_INDONESIAN + _ENGLISH).split())


def is_common_word(key: str) -> bool:
    """True when a name key is a common word of news text (matched exactly or not at all)."""
    return key in STOPWORDS

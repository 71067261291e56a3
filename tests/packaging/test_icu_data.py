"""The Linux build's ICU data (packaging/icu_data.py): which items stay, and Qt working the
same with the cut library as with the whole one for what a Chinese and English swdesk can ask
of ICU (pinyin collation, dates, time zone names, GB 18030 and GBK)."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _icu_data() -> ModuleType:
    spec = importlib.util.spec_from_file_location("icu_data", ROOT / "packaging" / "icu_data.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


icu_data = _icu_data()

KEPT = (
    "root.res",
    "pool.res",
    "res_index.res",
    "zh.res",
    "zh_Hans_CN.res",
    "en_001.res",
    "curr/zh_Hans.res",
    "coll/zh.res",
    "coll/ucadata.icu",
    "brkitr/cjdict.dict",
    "brkitr/thaidict.dict",  # brkitr/root.res refers to it
    "supplementalData.res",
    "zoneinfo64.res",
    "gb18030.cnv",
    "windows-936-2000.cnv",
    "uts46.nrm",
)
DROPPED = (
    "de.res",
    "coll/de_.res",
    "curr/ja.res",
    "zone/fr_CA.res",
    "yue_Hant.res",
    "translit/root.res",
    "ibm-1390_P110-2003.cnv",
    "euc-tw-2014.cnv",
    "unames.icu",
)


@pytest.mark.parametrize("item", KEPT)
def test_chinese_english_and_shared_items_stay(item: str) -> None:
    assert icu_data.wanted(item)


@pytest.mark.parametrize("item", DROPPED)
def test_other_locales_converters_and_transliterators_go(item: str) -> None:
    assert not icu_data.wanted(item)


QT_AND_ICU = """
import sys
from PySide6.QtCore import QCollator, QDate, QLocale, QStringDecoder, QTimeZone
from PySide6.QtGui import QGuiApplication

app = QGuiApplication([])
zh = QLocale("zh_CN")
print(sorted(["张三", "李四", "王五", "赵六", "阿明"], key=QCollator(zh).sortKey))
print(zh.toString(QDate(2026, 12, 6), QLocale.FormatType.LongFormat))
print(QLocale("en_US").toString(QDate(2026, 12, 6), QLocale.FormatType.LongFormat))
zone = QTimeZone(b"Asia/Shanghai")
print(zone.displayName(QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, zh))
print(QStringDecoder("GB18030").isValid(), QStringDecoder("GBK").isValid())
print(zh.nativeLanguageName(), QLocale("en_US").nativeTerritoryName())
print([line.split()[-1] for line in open("/proc/self/maps") if "libicudata" in line][0],
      file=sys.stderr)
"""


def _run_qt(preload: Path | None) -> tuple[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    if preload is not None:
        env["LD_PRELOAD"] = str(preload)
    done = subprocess.run(
        [sys.executable, "-c", QT_AND_ICU], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout, done.stderr.strip().splitlines()[-1]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux build's library")
def test_qt_answers_the_same_with_the_cut_data(tmp_path: Path) -> None:
    missing = [tool for tool in ("icupkg", "nm", "cc") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed (scripts/debian-packages.txt)")
    import PySide6

    (library,) = (Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*")
    smaller, note = icu_data.filter_icu_data(library, tmp_path)
    assert smaller is not None, note
    assert smaller.stat().st_size < library.stat().st_size / 3, note
    whole, whole_library = _run_qt(None)
    cut, cut_library = _run_qt(smaller)
    assert Path(cut_library) == smaller and Path(whole_library) != smaller
    assert cut == whole
    assert "['阿明', '李四', '王五', '张三', '赵六']" in cut  # pinyin order
    assert "2026年12月6日" in cut and "中国标准时间" in cut and "True True" in cut

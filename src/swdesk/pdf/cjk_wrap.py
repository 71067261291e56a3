"""Line breaking for Chinese text in narrow table cells and on the form's prose.

ReportLab's `wordWrap="CJK"` may break between any two characters: in a narrow cell that
cuts words ("网/络平台", "研讨/会"). `wrap_lines` breaks between *units* instead:

- a run of Latin letters, digits and their punctuation ("2023.05.19", "GB/T", "12.5") is one
  unit, as is an ordinal such as "第12期", and so is a word of `COMMON_WORDS` (longest
  match first: 继续教育, 研讨会, 网络 …); any other Chinese character is a unit of its own;
- 禁则 (line-breaking rules of Chinese typesetting): a closing mark (，。、）》…) sticks to
  the unit before it, an opening mark (（《“ …) to the unit after it;
- a break after punctuation or a space is preferred when it leaves the line at least
  two-thirds full;
- the last line never holds a single character: one unit moves down from the line above;
- a unit wider than a whole line (a long number) is cut by characters: nothing else fits.

Without a full dictionary an unknown word can still be broken; the word list covers the
vocabulary of this form (activity types, offices, usual course titles, the printed labels).
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["COMMON_WORDS", "wrap_lines"]

_WORD_LIST = """
    社会工作 社会工作者 社会工作师 社工 继续教育 网络 平台 网络平台 学习 研讨 研讨会 研讨班
    交流 培训 培训班 讲座 专题 实务 能力 提升 督导 儿童 家庭 服务 保护 老年 老年人 社区
    民政 民政局 民政厅 民政部 协会 行业 中心 机构 课题 研究 著作 论文 学历 教育 项目 管理
    评估 个案 小组 工作 社会 伦理 政策 法规 心理 健康 救助 养老 残疾人 青少年 妇女 禁毒
    矫正 医务 学校 企业 申请 登记 证书 签字 扫描 上传 照片 证件照 材料 说明 情况 证明
    身份 信息 变更 甘肃 甘肃省 平凉 平凉市 崆峒区 全国 大学 学院 工作坊 线上 线下 专业
    方法 技巧 理论 案例 分析 实践 综合 初级 中级 高级 助理 价值 价值观 职业 规范 建设
    发展 治理 基层 乡村 振兴 志愿 志愿者 志愿服务 公益 慈善 组织 同心 服务中心 服务站
    街道 社区服务 免冠 近期 逾期 承诺 声明 审核 意见 单位 盖章 同意 不同意 申请表 再登记
    首次 首次登记 有效期 联系 电话 出生 日期 年限 岗位 主办 合计 学时 要求 依据 备注
"""
COMMON_WORDS = frozenset(_WORD_LIST.split())
_LONGEST_WORD = max(len(word) for word in COMMON_WORDS)

# 禁则: marks that may not start a line (closing) and may not end one (opening)
_CLOSING = set("，。、；：！？）》」』】〕”’%‰·…—,.;:!?)]}")
_OPENING = set("（《「『【〔“‘([{")
_SPACES = set(" \u3000\t")
_LATIN = re.compile(r"第[0-9]+[期次届批条章号]?|[A-Za-z0-9][A-Za-z0-9.\-_/:#+@]*")

Measure = Callable[[str], float]


def _units(text: str) -> list[str]:
    """The text cut into units no break may fall inside (see the module docs)."""
    raw: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        latin = _LATIN.match(text, i)
        if latin:
            raw.append(latin.group())
            i = latin.end()
            continue
        for length in range(min(_LONGEST_WORD, len(text) - i), 1, -1):
            if text[i : i + length] in COMMON_WORDS:
                raw.append(text[i : i + length])
                i += length
                break
        else:
            raw.append(char)
            i += 1
    units: list[str] = []
    pending_open = ""
    for unit in raw:
        if unit in _OPENING or (pending_open and unit in _OPENING):
            pending_open += unit
            continue
        if units and unit in _CLOSING and not pending_open:
            units[-1] += unit
            continue
        units.append(pending_open + unit)
        pending_open = ""
    if pending_open:
        if units:
            units[-1] += pending_open
        else:
            units.append(pending_open)
    return units


def _prefers_break_after(unit: str) -> bool:
    return unit[-1] in _CLOSING or unit[-1] in _SPACES


def _cut(unit: str, width: float, measure: Measure) -> list[str]:
    """A unit wider than a line, cut into pieces that fit (at least one character each)."""
    pieces: list[str] = []
    current = ""
    for char in unit:
        if current and measure(current + char) > width:
            pieces.append(current)
            current = char
        else:
            current += char
    if current:
        pieces.append(current)
    return pieces


def wrap_lines(
    text: str, width: float, measure: Measure, first_width: float | None = None
) -> list[str]:
    """`text` broken into lines no wider than `width` (the first line: `first_width`, for a
    first-line indent), measured by `measure` (text → width, same unit as `width`). Line
    breaks in `text` are kept; spaces at the ends of lines are dropped."""
    lines: list[str] = []
    for paragraph in text.replace("\r\n", "\n").split("\n"):
        limit = first_width if (first_width is not None and not lines) else width
        lines.extend(_wrap_paragraph(paragraph, limit, width, measure))
    return lines


def _wrap_paragraph(text: str, first_width: float, width: float, measure: Measure) -> list[str]:
    units: list[str] = []
    for unit in _units(text.strip()):
        units.extend(
            _cut(unit, min(width, first_width), measure)
            if measure(unit) > min(width, first_width)
            else [unit]
        )
    if not units:
        return [""]
    lines: list[list[str]] = [[]]
    for unit in units:
        line = lines[-1]
        limit = first_width if len(lines) == 1 else width
        if not line or measure("".join(line + [unit]).rstrip()) <= limit:
            line.append(unit)
            continue
        # prefer to break after punctuation or a space when the line stays 2/3 full
        cut = len(line)
        for k in range(len(line) - 1, 0, -1):
            if _prefers_break_after(line[k - 1]):
                if measure("".join(line[:k]).rstrip()) >= limit * 2 / 3:
                    cut = k
                break
        carried = line[cut:]
        del line[cut:]
        lines.append(carried + [unit])
        while measure("".join(lines[-1]).rstrip()) > width and len(lines[-1]) > 1:
            lines.insert(-1, [lines[-1].pop(0)])  # carried units no longer fit: own line
    last = lines[-1]
    if len(lines) > 1 and len("".join(last).strip()) == 1 and len(lines[-2]) > 1:
        moved = lines[-2].pop()
        if measure((moved + "".join(last)).rstrip()) <= width:
            last.insert(0, moved)
        else:
            lines[-2].append(moved)
    return ["".join(line).strip() for line in lines]

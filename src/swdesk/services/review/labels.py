"""Chinese labels for what the reviewer hands on in files (the Excel roster, the import
report): reason codes, states, stages, outcomes, certificate levels. On screen the UI
translates the same codes itself."""

from __future__ import annotations

__all__ = [
    "IMPORT_STATUS_LABELS",
    "LEVEL_LABELS",
    "OFFICE_LEVEL_LABELS",
    "OUTCOME_LABELS",
    "REASON_LABELS",
    "STAGE_LABELS",
    "STATE_LABELS",
]

REASON_LABELS = {
    "hours_short": "学时不足",
    "data_wrong": "信息有误",
    "material_unclear": "材料不清晰",
    "photo_unfit": "照片不合格",
    "not_in_window": "不在申请期",
    "other": "其他",
}
STATE_LABELS = {
    "pending": "待审核",
    "first_approved": "初审通过",
    "first_rejected": "初审未通过",
    "final_approved": "终审通过",
    "final_rejected": "终审未通过",
    "superseded": "已被新版本取代",
}
STAGE_LABELS = {"first": "初审", "final": "终审"}
OUTCOME_LABELS = {"approved": "通过", "rejected": "不通过"}
LEVEL_LABELS = {
    "assistant": "助理社会工作师",
    "intermediate": "社会工作师",
    "senior": "高级社会工作师",
}
OFFICE_LEVEL_LABELS = {"county": "县级", "city": "市级", "province": "省级"}
IMPORT_STATUS_LABELS = {
    "imported": "已导入",
    "duplicate": "重复（已导入过）",
    "refused": "拒收",
    "cancelled": "已取消",
}

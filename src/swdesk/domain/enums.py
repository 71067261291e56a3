"""Enumerations of the domain. Values are stable ASCII codes stored in the database and
bundles; labels for people live in the UI (translated)."""

from enum import StrEnum


class Gender(StrEnum):
    MALE = "male"
    FEMALE = "female"


class CertificateLevel(StrEnum):
    """职业水平证书 levels, lowest first."""

    ASSISTANT = "assistant"  # 助理社会工作师
    INTERMEDIATE = "intermediate"  # 社会工作师
    SENIOR = "senior"  # 高级社会工作师


class RegistrationKind(StrEnum):
    FIRST = "first"  # 首次登记
    RENEWAL = "renewal"  # 再登记


class ActivityType(StrEnum):
    """Ways to earn continuing-education hours (the domain notes)."""

    TRAINING = "training"  # 培训
    LECTURE = "lecture"  # 讲座
    SEMINAR = "seminar"  # 研讨会 / 交流
    DEGREE = "degree"  # 社会工作学历教育
    RESEARCH = "research"  # 课题研究、著作、论文
    ASSOCIATION = "association"  # 行业协会继续教育
    ONLINE = "online"  # 指定网络平台学习


class ContentArea(StrEnum):
    """Content areas of continuing education (the article)."""

    VALUES_ETHICS = "values_ethics"  # 专业价值观与伦理
    LAWS_POLICIES = "laws_policies"  # 相关法律法规政策
    THEORY_PRACTICE = "theory_practice"  # 社会工作理论与实务
    RELATED_KNOWLEDGE = "related_knowledge"  # 相关领域知识与技能


class RegistrationState(StrEnum):
    """Where a practitioner's registration stands on a given day."""

    NOT_REGISTERED = "not_registered"  # 未登记
    VALID = "valid"  # 有效
    WINDOW_NOT_OPEN = "window_not_open"  # 有效 · 再登记申请期未到 (inside the reminder period)
    WINDOW_OPEN = "window_open"  # 可申请再登记
    OVERDUE = "overdue"  # 已逾期 / 未再登记
    AWAITING_SUBMISSION = "awaiting_submission"  # 已导出，尚未提交 (bundle written, not handed in)
    UNDER_REVIEW = "under_review"  # 审核中 (an office's decision on it has come back)

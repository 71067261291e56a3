"""The Chinese wording of the official forms and bundles (they are Chinese documents whatever
language the UI speaks)."""

from __future__ import annotations

from swdesk.domain.application import ApplicationKind
from swdesk.domain.enums import ActivityType, CertificateLevel, ContentArea, Gender

FORM_TITLES = {
    ApplicationKind.RENEWAL: "社会工作者再登记申请表",
    ApplicationKind.FIRST: "社会工作者首次登记申请表",
}

REGISTRATION_TYPES = {ApplicationKind.RENEWAL: "再登记", ApplicationKind.FIRST: "首次登记"}

GENDERS = {Gender.MALE: "男", Gender.FEMALE: "女"}

LEVELS = {
    CertificateLevel.ASSISTANT: "助理社会工作师",
    CertificateLevel.INTERMEDIATE: "社会工作师",
    CertificateLevel.SENIOR: "高级社会工作师",
}

ACTIVITY_TYPES = {
    ActivityType.TRAINING: "培训",
    ActivityType.LECTURE: "讲座",
    ActivityType.SEMINAR: "研讨交流",
    ActivityType.DEGREE: "学历教育",
    ActivityType.RESEARCH: "课题研究、著作、论文",
    ActivityType.ASSOCIATION: "行业协会继续教育",
    ActivityType.ONLINE: "网络平台学习",
}

CONTENT_AREAS = {
    ContentArea.VALUES_ETHICS: "专业价值观与伦理",
    ContentArea.LAWS_POLICIES: "相关法律法规政策",
    ContentArea.THEORY_PRACTICE: "社会工作理论与实务",
    ContentArea.RELATED_KNOWLEDGE: "相关领域知识与技能",
}

DECLARATION = (
    "本人郑重承诺：本申请表所填写的个人信息、证书信息、继续教育情况及所提交的全部材料均真实、"
    "准确、完整，不存在虚假记载或隐瞒。如有不实，本人愿意承担由此产生的一切责任，并接受登记"
    "管理机关依照有关规定作出的处理。"
)

REVIEW_STAGE = ("初审意见", "终审意见")

QR_PREFIX = "SWDAPP1"


def review_title(index: int, authority: str) -> str:
    stage = REVIEW_STAGE[min(index, len(REVIEW_STAGE) - 1)]
    return f"{authority}{stage}"

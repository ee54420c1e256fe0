from .indicators_page import IndicatorsPage
from .questionnaires import (
    Audience,
    Moment,
    QuestionnaireAnswer,
    QuestionnaireField,
    QuestionnairePage,
    ResponseToken,
    Role,
)
from .yearly import MonitoringYear

__all__ = [
    "Audience",
    "IndicatorsPage",
    "Moment",
    "MonitoringYear",
    "QuestionnaireAnswer",
    "QuestionnaireField",
    "QuestionnairePage",
    "ResponseToken",
    "Role",
]

from .indicators_page import IndicatorsPage
from .questionnaires import (
    QuestionnaireAnswer,
    QuestionnaireField,
    QuestionnairePage,
    ResponseToken,
)
from .yearly import MonitoringYear

__all__ = [
    "IndicatorsPage",
    "MonitoringYear",
    "QuestionnaireAnswer",
    "QuestionnaireField",
    "QuestionnairePage",
    "ResponseToken",
]

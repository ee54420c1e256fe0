from ..choices import Level
from .awards import Award
from .index import MentorIndexPage
from .portfolio import (
    MenteeAchievement,
    MentorPortfolioPage,
    PortfolioCourse,
    public_portfolios,
)
from .practices import PracticeAuthor, PracticeFile, PracticeIndexPage, PracticePage

__all__ = [
    "Award",
    "Level",
    "MenteeAchievement",
    "MentorIndexPage",
    "MentorPortfolioPage",
    "PortfolioCourse",
    "PracticeAuthor",
    "PracticeFile",
    "PracticeIndexPage",
    "PracticePage",
    "public_portfolios",
]

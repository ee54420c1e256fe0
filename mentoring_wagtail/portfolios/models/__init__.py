from .awards import Award
from .common import Level
from .index import MentorIndexPage, public_portfolios
from .portfolio import MenteeAchievement, MentorPortfolioPage, PortfolioCourse
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

from .documents import (
    AbstractEditionDocument,
    AbstractProgrammeDocument,
    MentoringProgramme,
    ProgrammeDocument,
    ProgrammeDocumentKind,
    Regulation,
)
from .numbering import OrderJournal
from .official import AbstractOfficialDocument
from .orders import AbstractOrder, Order, OrderKind
from .pages import MentoringIndexPage, MentoringIndexPageMixin, MentoringPageMixin
from .registry import DocumentRegistryPage, DocumentRegistryPageMixin
from .roadmap import (
    RoadmapActivity,
    RoadmapPage,
    RoadmapPageMixin,
    get_due_activities,
)
from .site_settings import OrganisationSettings
from .workflow import Acknowledgement, DirectorSignOffTask, SignOff

__all__ = [
    "AbstractEditionDocument",
    "AbstractOfficialDocument",
    "AbstractOrder",
    "AbstractProgrammeDocument",
    "DocumentRegistryPage",
    "DocumentRegistryPageMixin",
    "MentoringProgramme",
    "Order",
    "OrderJournal",
    "OrderKind",
    "ProgrammeDocument",
    "ProgrammeDocumentKind",
    "Regulation",
    "Acknowledgement",
    "DirectorSignOffTask",
    "SignOff",
    "MentoringIndexPage",
    "MentoringIndexPageMixin",
    "MentoringPageMixin",
    "OrganisationSettings",
    "RoadmapActivity",
    "RoadmapPage",
    "RoadmapPageMixin",
    "get_due_activities",
]

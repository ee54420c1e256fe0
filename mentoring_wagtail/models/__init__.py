"""Every model of the app, for Django and for sites: ``from mentoring_wagtail.models
import Order`` works whichever feature folder the model lives in."""

# Imported in the order the models were always defined (Django registers them
# in this order).
# isort: skip_file
from ..documents.editions import (
    AbstractEditionDocument,
    AbstractProgrammeDocument,
    MentoringProgramme,
    ProgrammeDocument,
    ProgrammeDocumentKind,
    Regulation,
)
from ..documents.numbering import OrderJournal
from ..documents.official import AbstractOfficialDocument
from ..documents.orders import AbstractOrder, Order, OrderKind
from ..section.models import (
    MentoringIndexPage,
    MentoringIndexPageMixin,
    MentoringPageMixin,
)
from ..documents.registry import DocumentRegistryPage, DocumentRegistryPageMixin
from ..roadmaps.models import (
    RoadmapActivity,
    RoadmapPage,
    RoadmapPageMixin,
    get_due_activities,
)
from ..section.site_settings import OrganisationSettings
from ..approvals.models import Acknowledgement, DirectorSignOffTask, SignOff
from ..roadmaps.suggestion_models import EvidenceSuggestion
from ..signatures.models import QualifiedSignature, Signature
from ..background.models import BackgroundJob, WorkerHeartbeat

__all__ = [
    "BackgroundJob",
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
    "EvidenceSuggestion",
    "QualifiedSignature",
    "Signature",
    "WorkerHeartbeat",
]

from .groups import (
    GroupMembership,
    GroupPlanTask,
    GroupStatus,
    Meeting,
    MeetingKind,
    MentoringGroup,
)
from .people import ConsentGiver, Person, PersonalDataConsent, PersonKind
from .roles import (
    Mentee,
    Mentor,
    MentorCourse,
    MentoringForm,
    MentorStatus,
    RequestKind,
    RequestSource,
)

__all__ = [
    "ConsentGiver",
    "GroupMembership",
    "GroupPlanTask",
    "GroupStatus",
    "Meeting",
    "MeetingKind",
    "Mentee",
    "Mentor",
    "MentorCourse",
    "MentorStatus",
    "MentoringForm",
    "MentoringGroup",
    "Person",
    "PersonKind",
    "PersonalDataConsent",
    "RequestKind",
    "RequestSource",
]

# The choices are re-exported for code written before ``..choices`` held them.
from ..choices import (
    ConsentGiver,
    GroupStatus,
    MeetingKind,
    MentorStatus,
    PersonKind,
    RequestKind,
    RequestSource,
)
from .groups import GroupMembership, GroupPlanTask, Meeting, MentoringGroup
from .mentors_and_mentees import Mentee, Mentor, MentorCourse, MentoringForm
from .people import Person, PersonalDataConsent

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

"""Views of the mentoring app: the mentors' pages under /mentor/, the feedback thread, and the
meetup pages' extra routes (`views.meetups`, called from `MeetupPage`)."""

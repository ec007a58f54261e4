"""The sign-up form's limits and answer lists, shared by the form, the models and the admin."""

NAME_MAX = 100
EMAIL_MAX = 254
PHONE_MAX = 30
POSTCODE_MAX = 10
SUPPORT_MAX = 1000
HEARD_MAX = 200
REF_MAX = 60

PREFER_NOT = ("prefer_not", "Prefer not to say")

TAKE_PART = [
    ("meetings", "Coming to meetings in person"),
    ("online", "Joining meetings online or by phone"),
    ("surveys", "Answering surveys and reading papers"),
    ("events", "Coming to events now and then"),
]

AGE_BANDS = [
    ("under_18", "Under 18"),
    ("18_24", "18 to 24"),
    ("25_34", "25 to 34"),
    ("35_44", "35 to 44"),
    ("45_54", "45 to 54"),
    ("55_64", "55 to 64"),
    ("65_74", "65 to 74"),
    ("75_plus", "75 or over"),
    PREFER_NOT,
]

ETHNIC_GROUPS = [
    ("asian", "Asian or Asian British"),
    ("black", "Black, Black British, Caribbean or African"),
    ("mixed", "Mixed or multiple ethnic groups"),
    ("white", "White"),
    ("other", "Another ethnic group"),
    PREFER_NOT,
]

YES_NO_PREFER = [("yes", "Yes"), ("no", "No"), PREFER_NOT]

SEX = [("female", "Female"), ("male", "Male"), PREFER_NOT]

# A question to a board meeting.
ORGANISATION_MAX = 150
QUESTION_MAX = 1500

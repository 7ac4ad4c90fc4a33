"""The demo data: two real documents, complete, plus a little invented history around them.

1. Leicester City Council's Adult Social Care Scrutiny Commission receiving a verbal update
   from the Leicester/shire Social Care Development Group (LSCDG) on its "Social Care
   External Workforce" review. The minute is kept word for word (``LSCDG_MINUTES``).
2. The Vale of Glamorgan's Healthy Living and Social Care Scrutiny Committee of 4 December
   2017, agenda item 8: a reference from Cabinet, minute C129, with its five resolutions
   and five reasons word for word (``C129_*``).

What the documents do not say is invented but plausible, and marked so below: the people's
names, meeting times and venues, the wording of recommendations other than their headings,
executive responses, the written updates before and after the verbal one, the later
meeting that received the detailed update report, an exempt item, a draft review and a
second review on the Vale side. The loader (``scrutiny.demo.demo_load``) keys every row on
its natural key, so these structures may be edited and loaded again.

Rows refer to each other by name: organisations by ``name``, committees by (council name,
committee name), meetings by the keys of ``MEETINGS``, reviews by (committee, title),
agenda items by (meeting key, number), recommendations by reference within their review
(the Vale's own, "R1" to "R5"; Leicester's, the report's numbers).
"""

from __future__ import annotations

from datetime import date, time

# ---------------------------------------------------------------------------------------
# Organisations
# ---------------------------------------------------------------------------------------

LEICESTER = "Leicester City Council"
LEICESTERSHIRE = "Leicestershire County Council"
RUTLAND = "Rutland County Council"
LSCDG = "Leicester/shire Social Care Development Group"
SKILLS_FOR_CARE = "Skills for Care"
VALE = "Vale of Glamorgan Council"
CARDIFF = "Cardiff Council"
WDTU = "Regional Workforce Development Training Unit"
REGIONAL_PARTNERSHIP = "Regional Care and Support Workforce Development Partnership"

WDTU_FUNCTIONS = [
    "Business Planning & Partnerships",
    "Delivery & Commissioning of Training",
    "Practice Learning Opportunities for Students",
    "Qualification & Credit Framework (QCF) Assessment",
]

ORGANISATIONS: list[dict] = [
    {
        "name": LEICESTER,
        "short_name": "Leicester City",
        "kind": "council",
        "description": "The unitary authority for the city of Leicester.",
        "website": "https://www.leicester.gov.uk",
    },
    {
        "name": LEICESTERSHIRE,
        "short_name": "Leicestershire County",
        "kind": "council",
        "description": "The county council for Leicestershire.",
        "website": "https://www.leicestershire.gov.uk",
    },
    {
        "name": RUTLAND,
        "short_name": "Rutland",
        "kind": "council",
        "description": "The unitary authority for Rutland.",
        "website": "https://www.rutland.gov.uk",
    },
    {
        "name": SKILLS_FOR_CARE,
        "short_name": "",
        "kind": "national",
        "description": (
            "The national workforce development body for adult social care in England. "
            "It works with the LSCDG and the three local authorities; its programmes include "
            "the Skills for Care Leadership programme."
        ),
        "website": "https://www.skillsforcare.org.uk",
    },
    {
        "name": LSCDG,
        "short_name": "LSCDG",
        "kind": "partnership",
        # The agenda says "Leicester Skills Development Group representative (LSDG)"; the
        # minutes write both LSCDG and LSDG for the same body.
        "aliases": ["LSDG", "Leicester Skills Development Group"],
        "members": [LEICESTER, LEICESTERSHIRE, RUTLAND],
        "legal_basis": (
            "A legal partnership between Leicester City Council, Leicestershire County "
            "Council and Rutland County Council to work together as one collaborative "
            "partnership."
        ),
        "description": (
            "The LSCDG is not a separate body: it is a legal partnership between Leicester "
            "City Council, the County and Rutland working with other partners across the "
            "system to provide training for external care workforce.\n\n"
            "Its main function is to support the workforce and raise quality, e.g. there is "
            "a training plan that includes safeguarding, leadership skills, moving and "
            "handling etc; with the pandemic there has been a move to digital to replace "
            "class based activities.\n\n"
            "It works closely with contract and commissioning staff across the 3 local "
            "authorities and Skills for Care; its sub regional workforce group provides the "
            "main direction."
        ),
    },
    {
        "name": VALE,
        "short_name": "Vale of Glamorgan",
        "kind": "council",
        "aliases": ["The Vale of Glamorgan Council"],
        "description": "The unitary authority for the Vale of Glamorgan.",
        "website": "https://www.valeofglamorgan.gov.uk",
    },
    {
        "name": CARDIFF,
        "short_name": "Cardiff",
        "kind": "council",
        "aliases": ["City of Cardiff Council"],
        "description": "The unitary authority for the city of Cardiff.",
        "website": "https://www.cardiff.gov.uk",
    },
    {
        "name": REGIONAL_PARTNERSHIP,
        "short_name": "",
        "kind": "partnership",
        "aliases": ["Regional Workforce Partnership"],
        "members": [CARDIFF, VALE],
        "established_year": 2015,
        "description": (
            "The vision for the Regional Care and Support Workforce Development Partnership "
            "(the Partnership), established in 2015, is to raise standards and drive up the "
            "quality and skill level through effective workforce development. Key "
            "stakeholders' interests are represented on the Regional Workforce Partnership "
            "Board."
        ),
    },
    {
        "name": WDTU,
        "short_name": "WDTU",
        "kind": "partnership",
        "aliases": [
            "Regional Social Care Workforce Development Training Unit",
            "Regional Social Care Workforce Development Unit",
            "Regional Workforce Training Unit",
        ],
        "members": [CARDIFF, VALE],
        "host": CARDIFF,
        "legal_basis": (
            "A Partnership Agreement between the Vale of Glamorgan Council and Cardiff "
            "Council covering all aspects of the Governance and any associated partnership "
            "arrangements, entered into by the Director of Social Services under the "
            "authority delegated by the Vale of Glamorgan Cabinet's resolution (4) of minute "
            "C129, 6 November 2017."
        ),
        # Invented: the unit was approved on 6 November 2017 and set up after that.
        "established_year": 2018,
        "description": (
            "The regional workforce development training unit for the Vale of Glamorgan and "
            "Cardiff, hosted by Cardiff Council. It was set up following the Vale of "
            "Glamorgan Cabinet's decision of 6 November 2017 (minute C129) to establish a "
            "regional Social Care Workforce Development Training Unit, based on a fully "
            "integrated model (Option 4 of the Business Case). Cardiff Social Services "
            "Directorate led on the business case on behalf of the Region."
        ),
        "functions": WDTU_FUNCTIONS,
    },
]

# ---------------------------------------------------------------------------------------
# Committees (the people's names are invented)
# ---------------------------------------------------------------------------------------

ASC_COMMISSION = (LEICESTER, "Adult Social Care Scrutiny Commission")
HLSC_COMMITTEE = (VALE, "Healthy Living and Social Care Scrutiny Committee")
VALE_CABINET = (VALE, "Cabinet")

COMMITTEES: list[dict] = [
    {
        "key": ASC_COMMISSION,
        "kind": "scrutiny",
        "chair": "Councillor Alex Morgan",
        "vice_chair": "Councillor Helen Marsh",
        "remit": "Scrutiny of adult social care in Leicester, including the care workforce.",
    },
    {
        "key": HLSC_COMMITTEE,
        "kind": "scrutiny",
        "chair": "Councillor Bethan Lloyd",
        "vice_chair": "Councillor Owen Price",
        "remit": "Scrutiny of social services, health and leisure in the Vale of Glamorgan.",
    },
    {
        "key": VALE_CABINET,
        "kind": "cabinet",
        "chair": "",
        "vice_chair": "",
        "remit": "The Vale of Glamorgan Council's executive.",
    },
]

# ---------------------------------------------------------------------------------------
# The Leicester minute, word for word
# ---------------------------------------------------------------------------------------

LSCDG_AGENDA_TEXT = (
    "Members will receive a verbal update on progress relating to the recommendations of "
    "approved scrutiny review report. Leicester Skills Development Group representative "
    "(LSDG) will update commission members on their work and plans for the future."
)

REPORT_TITLE = (
    "Response to the Adult Social Care Scrutiny Commission Task Group Meeting – Social Care "
    "Workforce"
)

MINUTE_OPENING = (
    "Members of the Commission received a verbal update on progress relating to "
    "recommendations arising from the scrutiny review into Social Care External Workforce."
)
MINUTE_REMINDED = (
    "Members were reminded that they had received an Executive response to the review at a "
    "previous scrutiny meeting on 19 January 2021."
)
MINUTE_VICE_CHAIR = (
    "The Vice Chair commented that this update was sought because there was concern that the "
    "response to the scrutiny review placed a large amount of responsibility upon "
    "Leicester/shire Social Care Development Group (LSCDG) and she was keen for this to be "
    "here to understand how the responsibilities identified in the review were going to be "
    "actioned and brought forward."
)
MINUTE_STRATEGIC_DIRECTOR = (
    "The Strategic Director for Social Care and Education briefly explained that in certain "
    "sectors of Adult Social Care separate organisations were commissioned to do work in "
    "workforce development. However, the LSCDG wasn’t a separate body, it was a legal "
    "partnership between this local authority, the County and Rutland working with other "
    "partners across the system to provide training for external care workforce."
)
MINUTE_REPRESENTATIVE = (
    "A representative from the Leicester/shire Social Care Development Group (LSCDG) was "
    "present and gave an update around Adult Social Care workforce planning for the future."
)
MINUTE_NOTED = [
    "LSDG was a legal partnership between Leicester City Council, Leicestershire County "
    "Council and Rutland County Council to work together as one collaborative partnership.",
    "The main function was to support the workforce and raise quality, e.g. there was a "
    "training plan that includes safeguarding, leadership skills, moving and handling etc, "
    "but with the pandemic there had been a move to digital to replace class based "
    "activities.",
    "LSCDG worked closely with contract and commissioning staff across the 3 local "
    "authorities and Skills for Care, its sub regional workforce group provided the main "
    "direction.",
]
MINUTE_POINTS_INTRO = (
    "The update in relation to specific points in the “Response to the Adult Social Care "
    "Scrutiny Commission Task Group Meeting – Social Care Workforce” report included the "
    "following comments:"
)
# (number, heading as minuted, what was said), in the minute's order.
POINT_4 = (
    "LSDG had received a report on career pathways today this would be worked through to "
    "identify how best that can be implemented and a further update provided at a later date."
)
POINT_5 = (
    "the LSDG sub regional workforce group was due to meet in June to motion this "
    "recommendation from the report and if agreed that piece of work could then be taken "
    "forward."
)
POINT_8 = (
    "this was part of the careers pathway work already being done and through the Inspire to "
    "Care Programme workshops and engagement activity were taking place,"
)
POINT_10 = (
    "some local workforce plans and packs had been created with aspiration for local "
    "authorities to create an action plan and report back, meetings had been arranged to "
    "look at how that work could be done together rather than separately."
)
POINTS_11_12_13 = (
    "Points 11, 12 and 13 were inter related around investing in training and development "
    "and upskilling of staff so were being taken together; LSDG had run a Leadership "
    "Programme and had also applied to become a provider to deliver the Leadership Programme "
    "over the next 2 years. As a provider they would be able to claim the workforce "
    "development fund so people were being encouraged to take up those sessions."
)
POINT_15 = "this point interlinked with the work being done across the career’s pathway."
MINUTE_POINTS = [
    f"Point 4 Quality of care and improving retention rates – {POINT_4}",
    f"Point 5 Finding Community and cooperative solutions – {POINT_5}",
    f"Point 8 Attracting younger people to adult social care careers – {POINT_8}",
    f"Point 10 Workforce plans - {POINT_10}",
    POINTS_11_12_13,
    f"Point 15 Challenging perceptions, {POINT_15}",
]
MINUTE_DIRECTOR = (
    "The Director of Adult Social Care and Commissioning reiterated that there was close "
    "working with the LSDG and additional funding to support work was being sought through "
    "other organisations. It was noted that a number of other actions within the report were "
    "still being worked through and it was suggested that a more detailed update be brought "
    "to a future meeting including details of the report around the career pathway which had "
    "only just been published."
)
MINUTE_RESPONDING = (
    "Responding to comments from the members of the commission it was noted that in relation "
    "to improving quality and aspiring to move beyond that information had been gathered "
    "from quality assurance checks and commissioned services to inform several training "
    "courses e.g. Skills for Care Leadership programme. Also, if issues were identified for "
    "example around safeguarding that was something partners were encouraged to raise "
    "awareness of to improve services."
)
MINUTE_ACCREDITATION = (
    "Members suggested that a form of accreditation be considered for workforce training as "
    "that might benefit people with their career progression."
)
MINUTE_CHAIR = (
    "The Chair commented that it was important to clearly understand that the City and "
    "County were working closely around this and looked forward to receiving a more detailed "
    "update report to a future meeting."
)
MINUTE_THANKS = (
    "The Chair thanked officers for their input and the Vice Chair for leading this review."
)
AGREED_DETAILED_UPDATE = "That a detailed update report be brought to a future meeting."


def _bullets(lines: list[str]) -> str:
    return "\n".join(f"· {line}" for line in lines)


LSCDG_MINUTES = "\n\n".join(
    [
        LSCDG_AGENDA_TEXT,
        "Minutes:",
        MINUTE_OPENING,
        MINUTE_REMINDED,
        MINUTE_VICE_CHAIR,
        MINUTE_STRATEGIC_DIRECTOR,
        MINUTE_REPRESENTATIVE,
        "Members noted that:\n" + _bullets(MINUTE_NOTED),
        MINUTE_POINTS_INTRO + "\n" + _bullets(MINUTE_POINTS),
        MINUTE_DIRECTOR,
        MINUTE_RESPONDING,
        MINUTE_ACCREDITATION,
        MINUTE_CHAIR,
        MINUTE_THANKS,
        "AGREED:\n" + AGREED_DETAILED_UPDATE,
    ]
)

# ---------------------------------------------------------------------------------------
# The Vale of Glamorgan reference from Cabinet, word for word
# ---------------------------------------------------------------------------------------

C129_TITLE = (
    "Proposal to develop a regional social care workforce development unit for Vale of "
    "Glamorgan and Cardiff (SCHL) (Scrutiny Committee - Healthy Living and Social Care)"
)
C129_SUMMARY = "\n\n".join(
    [
        "Cabinet was updated on the proposal to develop a regional Social Care Workforce "
        "Development Unit across the Vale of Glamorgan and Cardiff and its approval was sought "
        "to establish a regional Social Care Workforce Development Training unit.",
        "The Directors of Social Services in both the Vale of Glamorgan Council and Cardiff "
        "Council had committed in principle to the establishment of a sustainable regional "
        "unit. It was expected that this would rationalise existing resources to meet future "
        "levels of anticipated need for sector wide training and development consistent with "
        "the Social Services and Wellbeing Act (Wales) 2014 implementation.",
        "Cardiff and the Vale of Glamorgan Council’s Cabinets received a report in January "
        "2017, seeking authority for a full Business Case to be developed for a regional "
        "Workforce Development Training Unit (WDTU) based on a fully integrated model. The "
        "Cabinets also agreed for Cardiff to lead on the development of the Business Case. "
        "The vision for the Regional Care and Support Workforce Development Partnership (the "
        "Partnership), established in 2015, was to raise standards and drive up the quality "
        "and skill level through effective workforce development.",
        "With the implementation of the Social Services and Well-being (Wales) Act 2014 well "
        "under way, the next few years required a robust approach to training and development "
        "as Council’s responded to the Act’s demands and the scale of transformation of "
        "services that it would bring. The report noted that it would be increasingly "
        "important to be able to update and replenish the Council’s existing skill base and "
        "recommended that the regional social care workforce and the Local Authorities Social "
        "Services workforce was best served by one regional workforce development unit and "
        "work undertaken within the context of the Regional Care and Support Workforce "
        "Development Partnership provided a firm foundation on which to build a regional "
        "workforce development unit.",
        "As per the agreement of Cabinet at a meeting held on 23 January, 2017, Cardiff Social "
        "Services Directorate led on a business case on behalf of the Region. The Business "
        "Case attached at Appendix 1 to the report summarised the six options that were "
        "considered and highlighted the reason why Option 4 was identified as the preferred "
        "model.",
        "The business case proposed that Cardiff Council host the regional workforce "
        "development training unit. Both Directors of Social Services in Cardiff and the Vale "
        "of Glamorgan were supportive of this proposal. Both staff groups already undertook "
        "significant amounts of joint work and both were supportive of the proposals and "
        "understood the main drivers underpinning them. Staff teams had joined together for a "
        "number of development sessions which had contributed to shaping the proposals "
        "contained in the Business Case.",
        "A Partnership Agreement that clearly set out the governance arrangements for the "
        "regional workforce development and training unit would ensure that the interests of "
        "both Local Authorities were appropriately protected, and enabled both to ensure that "
        "they maintained control as required under the statutory functions and "
        "responsibilities of each Social Services Director.",
        "The proposed service delivery model for the regional unit was based upon an "
        "understanding of current and future needs across the region. It reflected feedback "
        "from Training Unit staff and managers in Cardiff and the Vale of Glamorgan Councils "
        "and key stakeholders whose interests were represented on the Regional Workforce "
        "Partnership Board.",
        "It was proposed that the new regional unit be structured around 4 core business "
        "functions:\n" + "\n".join(f"• {f}" for f in WDTU_FUNCTIONS),
        "This was a matter for Executive decision.",
        "Cabinet, having considered the report and all the issues and implications contained "
        "therein",
    ]
)
C129_RESOLUTIONS = [
    "THAT the proposal to establish a regional Social Care Workforce Development Training "
    "Unit as outlined in the report be approved.",
    "THAT the implementation of the business model, approach and functions outlined in the "
    "Business Case for the Regional Workforce Training Unit, attached at Appendix 1 the "
    "report, be authorised.",
    "THAT the establishment of the post of the Regional Manager for the regional Workforce "
    "Development Training Unit be approved.",
    "THAT delegated authority be granted to the Director of Social Services in consultation "
    "with the Cabinet Member for Social Care, Health and Leisure, and the Section 151 Officer "
    "and Head of Legal Services to enter into a Partnership Agreement with Cardiff Council "
    "which will cover all aspects of the Governance and any associated partnership "
    "arrangements required in relation to the proposals to develop a Regional Social Care "
    "Workforce Development Unit for Vale of Glamorgan and Cardiff.",
    "THAT the report be referred to the Scrutiny Committee (Healthy Living and Social Care) "
    "for their consideration.",
]
C129_REASONS = [
    "To realise the benefits that regional working could bring by providing a resilient, "
    "sustainable and consistent approach to the development of social care staff.",
    "To enable the implementation of a regional Social Care Workforce Development Unit.",
    "To enable capacity, knowledge and skills to focus on bringing together two training "
    "units and forming a cohesive, successful and sustainable regional unit that met the "
    "needs of the wider social care workforce.",
    "To ensure that the Director of Social Services and the Council were able to effectively "
    "delegate their statutory functions in relation to workforce development and training of "
    "the social care workforce.",
    "To ensure that the Scrutiny Committee (Healthy Living and Social Care) members were kept "
    "informed of this key development.",
]

# ---------------------------------------------------------------------------------------
# Meetings and their agenda items (times, venues and items other than the seeds' are
# invented)
# ---------------------------------------------------------------------------------------

CITY_HALL = "Meeting Room G.01, City Hall, Leicester"
CIVIC_OFFICES = "Council Chamber, Civic Offices, Holton Road, Barry"

ASC_JAN_2021 = "asc-2021-01-19"
ASC_MAY_2021 = "asc-2021-05-25"
ASC_NOV_2021 = "asc-2021-11-02"
ASC_JAN_2027 = "asc-2027-01-26"
CABINET_JAN_2017 = "cabinet-2017-01-23"
CABINET_NOV_2017 = "cabinet-2017-11-06"
HLSC_DEC_2017 = "hlsc-2017-12-04"
HLSC_DEC_2018 = "hlsc-2018-12-10"
HLSC_JUL_2019 = "hlsc-2019-07-08"

WORKFORCE_REVIEW = "Social Care External Workforce"
CARERS_REVIEW = "Support for unpaid carers"
WDTU_REVIEW = "Regional Workforce Development Training Unit: implementation"


def _standard_items() -> list[dict]:
    return [
        {"number": 1, "title": "Apologies for absence"},
        {"number": 2, "title": "Declarations of interest"},
        {"number": 3, "title": "Minutes of the previous meeting"},
    ]


MEETINGS: dict[str, dict] = {
    ASC_JAN_2021: {
        "committee": ASC_COMMISSION,
        "date": date(2021, 1, 19),
        "start_time": time(17, 30),
        "venue": "Virtual meeting",
        "items": [
            *_standard_items(),
            {
                "number": 6,
                "title": "Executive response to the scrutiny review: Social Care External "
                "Workforce",
                "review": (ASC_COMMISSION, WORKFORCE_REVIEW),
                "description": (
                    "The Commission received the Executive response to the recommendations "
                    "of its scrutiny review into Social Care External Workforce, the "
                    f"“{REPORT_TITLE}” report. Much of the response placed responsibility "
                    "on the Leicester/shire Social Care Development Group (LSCDG); members "
                    "asked for an update from its representative."
                ),
            },
        ],
    },
    # Invented date: before June 2021, since the sub regional group "was due to meet in June".
    ASC_MAY_2021: {
        "committee": ASC_COMMISSION,
        "date": date(2021, 5, 25),
        "start_time": time(17, 30),
        "venue": CITY_HALL,
        "items": [
            *_standard_items(),
            {
                "number": 7,
                "title": "Social Care External Workforce: verbal update on the scrutiny "
                "review recommendations",
                "review": (ASC_COMMISSION, WORKFORCE_REVIEW),
                "description": LSCDG_MINUTES,
            },
        ],
    },
    ASC_NOV_2021: {
        "committee": ASC_COMMISSION,
        "date": date(2021, 11, 2),
        "start_time": time(17, 30),
        "venue": CITY_HALL,
        "items": [
            *_standard_items(),
            {
                "number": 5,
                "title": "Social Care External Workforce: detailed update report",
                "review": (ASC_COMMISSION, WORKFORCE_REVIEW),
                "description": (
                    "The detailed update report on the recommendations of the scrutiny review "
                    "into Social Care External Workforce that the Commission asked for on 25 "
                    "May 2021, including the report around the career pathway.\n\n"
                    "The Commission agreed that recommendation 12 (leadership development) "
                    "had been achieved."
                ),
            },
            {
                "number": 8,
                "title": "Independent sector care fees 2022/23: provider cost information",
                "review": (ASC_COMMISSION, WORKFORCE_REVIEW),
                "description": (
                    "Providers' cost information behind the proposed fee rates for 2022/23, "
                    "including the pay of care workers."
                ),
                "exempt": True,
                "exempt_reason": (
                    "Schedule 12A, paragraph 3 (information relating to the financial or "
                    "business affairs of any particular person, including the authority "
                    "holding that information)"
                ),
            },
        ],
    },
    # Invented: the commission's next meeting, still to come, so that the home and committee
    # pages have an upcoming meeting with a tracker item on its agenda.
    ASC_JAN_2027: {
        "committee": ASC_COMMISSION,
        "date": date(2027, 1, 26),
        "start_time": time(17, 30),
        "venue": CITY_HALL,
        "items": [
            *_standard_items(),
            {
                "number": 5,
                "title": "Social Care External Workforce: progress on outstanding recommendations",
                "review": (ASC_COMMISSION, WORKFORCE_REVIEW),
                "description": (
                    "The Director of Adult Social Care and Commissioning will report progress "
                    "on the review's recommendations that remain open, including those whose "
                    "target dates have passed."
                ),
            },
        ],
    },
    CABINET_JAN_2017: {
        "committee": VALE_CABINET,
        "date": date(2017, 1, 23),
        "start_time": time(14, 0),
        "venue": CIVIC_OFFICES,
        "items": [
            {
                "number": 4,
                "title": "Regional Workforce Development Training Unit: authority to develop "
                "a full Business Case",
                "description": (
                    "Cabinet received a report seeking authority for a full Business Case to "
                    "be developed for a regional Workforce Development Training Unit (WDTU) "
                    "based on a fully integrated model, and agreed for Cardiff to lead on the "
                    "development of the Business Case."
                ),
            },
        ],
    },
    CABINET_NOV_2017: {
        "committee": VALE_CABINET,
        "date": date(2017, 11, 6),
        "start_time": time(14, 0),
        "venue": CIVIC_OFFICES,
        "items": [],
    },
    HLSC_DEC_2017: {
        "committee": HLSC_COMMITTEE,
        "date": date(2017, 12, 4),
        "start_time": time(18, 0),
        "venue": CIVIC_OFFICES,
        "items": [
            *_standard_items(),
            {
                "number": 8,
                "title": "Reference from Cabinet: 6 November 2017",
                "description": (
                    "C129 Proposal to develop a regional social care workforce development "
                    "unit for Vale of Glamorgan and Cardiff (SCHL) (Scrutiny Committee - "
                    "Healthy Living and Social Care), referred to the Committee by Cabinet "
                    "for its consideration.\n\n"
                    "Attached as Appendix – Report to Cabinet – 6 November 2017"
                ),
            },
        ],
    },
    HLSC_DEC_2018: {
        "committee": HLSC_COMMITTEE,
        "date": date(2018, 12, 10),
        "start_time": time(18, 0),
        "venue": CIVIC_OFFICES,
        "items": [
            *_standard_items(),
            {
                "number": 5,
                "title": "Executive response: Regional Workforce Development Training Unit "
                "implementation review",
                "review": (HLSC_COMMITTEE, WDTU_REVIEW),
                "description": (
                    "The Committee received Cabinet's response to the recommendations of its "
                    "review of the implementation of the regional Workforce Development "
                    "Training Unit hosted by Cardiff Council."
                ),
            },
        ],
    },
    HLSC_JUL_2019: {
        "committee": HLSC_COMMITTEE,
        "date": date(2019, 7, 8),
        "start_time": time(18, 0),
        "venue": CIVIC_OFFICES,
        "items": [
            *_standard_items(),
            {
                "number": 6,
                "title": "Regional Workforce Development Training Unit: progress on the "
                "review's recommendations",
                "review": (HLSC_COMMITTEE, WDTU_REVIEW),
                "description": (
                    "A written update from the Regional Manager of the Workforce Development "
                    "Training Unit. The Committee agreed that recommendations 1 and 2 had "
                    "been achieved."
                ),
            },
        ],
    },
}

# ---------------------------------------------------------------------------------------
# Reviews and their recommendations. Headings of points 4, 5, 8, 10 and 15 are the
# minute's; every recommendation's wording and every executive response is invented.
# ---------------------------------------------------------------------------------------

DIRECTOR_ASC = "Director of Adult Social Care and Commissioning"
STRATEGIC_DIRECTOR = "Strategic Director for Social Care and Education"
LSCDG_REPRESENTATIVE = "Representative, Leicester/shire Social Care Development Group"
WDTU_MANAGER = "Regional Manager, Workforce Development Training Unit"
VALE_DIRECTOR = "Director of Social Services"


def _rec(reference, title, text, response, response_text, lead, bodies, target, **more):
    """A recommendation; ``more``: its optional details (directorate, decision_maker,
    expected_outcome, agreed_on)."""
    return {
        "reference": str(reference),
        "more": more,
        "title": title,
        "text": text,
        "response": response,
        "response_text": response_text,
        "lead_officer": lead,
        "responsible_bodies": bodies,
        "target_date": target,
    }


WORKFORCE_RECOMMENDATIONS = [
    _rec(
        1,
        "Valuing the care workforce",
        "That the Council, with its partners, publicly recognise the contribution of the "
        "external social care workforce, including through an annual care awards event.",
        "accepted",
        "Accepted. The Council will work with the LSCDG and providers to hold a care awards "
        "event each year from 2021/22, as pandemic restrictions allow.",
        DIRECTOR_ASC,
        [LEICESTER, LSCDG],
        date(2021, 12, 31),
    ),
    _rec(
        2,
        "Pay, terms and conditions",
        "That the Executive consider how the fee rates it pays for commissioned care can "
        "support care workers being paid at least the Real Living Wage.",
        "partly_accepted",
        "Partly accepted. The Council cannot set pay in independent providers, but it will "
        "take workforce costs, including pay, into account when it sets fee rates each year.",
        STRATEGIC_DIRECTOR,
        [LEICESTER],
        date(2022, 3, 31),
    ),
    _rec(
        3,
        "Commissioning for a skilled workforce",
        "That contracts for commissioned care set expectations on the training, supervision "
        "and retention of staff, checked through contract management.",
        "accepted",
        "Accepted. New contracts will include these expectations; quality assurance checks "
        "will look at them.",
        "Head of Contracts and Assurance",
        [LEICESTER],
        date(2022, 3, 31),
    ),
    _rec(
        4,
        "Quality of care and improving retention rates",
        "That the Leicester/shire Social Care Development Group work with providers to improve "
        "the quality of care and retention rates in the external workforce, including by "
        "setting out how care workers can progress in their careers.",
        "accepted",
        "Accepted. The LSCDG has commissioned a report on career pathways in adult social "
        "care; its findings will be worked through with providers.",
        DIRECTOR_ASC,
        [LSCDG, LEICESTER],
        date(2021, 12, 31),
    ),
    _rec(
        5,
        "Finding Community and cooperative solutions",
        "That the Council and its partners explore community and cooperative models of care, "
        "such as micro-enterprises and worker cooperatives, to widen the local care workforce.",
        "noted",
        "Noted. The proposal will be put to the LSCDG sub regional workforce group, which "
        "provides the main direction for workforce development across the three local "
        "authorities, before any work is committed.",
        DIRECTOR_ASC,
        [LSCDG],
        date(2021, 12, 31),
    ),
    _rec(
        6,
        "A city recruitment campaign",
        "That the Council run its own city-wide campaign to recruit care workers.",
        "not_accepted",
        "Not accepted. A separate city campaign would duplicate the national recruitment "
        "campaign and the Inspire to Care Programme run through the LSCDG; the Council will "
        "promote those instead.",
        DIRECTOR_ASC,
        [LEICESTER],
        None,
    ),
    _rec(
        7,
        "Values-based recruitment",
        "That providers be supported to recruit for values as well as experience, drawing on "
        "the Skills for Care values-based recruitment toolkit.",
        "accepted",
        "Accepted. The LSCDG will run sessions for providers with Skills for Care.",
        DIRECTOR_ASC,
        [LSCDG, SKILLS_FOR_CARE],
        date(2021, 12, 31),
    ),
    _rec(
        8,
        "Attracting younger people to adult social care careers",
        "That the Council work with schools, colleges and the LSCDG to attract younger people "
        "to careers in adult social care.",
        "accepted",
        "Accepted. This will form part of the careers pathway work and of the Inspire to Care "
        "Programme.",
        DIRECTOR_ASC,
        [LSCDG, LEICESTER],
        date(2022, 3, 31),
    ),
    _rec(
        9,
        "Career pathways",
        "That a clear career pathway for the external care workforce, from first job to "
        "registered manager, be published and promoted to providers.",
        "accepted",
        "Accepted. The LSCDG's report on career pathways will be the basis of this work.",
        DIRECTOR_ASC,
        [LSCDG, SKILLS_FOR_CARE],
        date(2021, 12, 31),
    ),
    _rec(
        10,
        "Workforce plans",
        "That each local authority, with the LSCDG, create a workforce plan for the external "
        "care workforce, with an action plan, and report back.",
        "accepted",
        "Accepted. The LSCDG will provide local workforce plans and packs; each local "
        "authority will create an action plan and report back.",
        DIRECTOR_ASC,
        [LSCDG, LEICESTER, LEICESTERSHIRE, RUTLAND],
        date(2021, 9, 30),
    ),
    _rec(
        11,
        "Investing in training and development",
        "That investment in training and development for the external care workforce be "
        "maintained, making full use of the workforce development fund.",
        "accepted",
        "Accepted. The LSCDG's training plan will continue, moved online where class based "
        "activities cannot run.",
        DIRECTOR_ASC,
        [LSCDG, SKILLS_FOR_CARE],
        date(2022, 3, 31),
    ),
    _rec(
        12,
        "Leadership development",
        "That a leadership programme be offered to registered managers and senior staff of "
        "commissioned care services.",
        "accepted",
        "Accepted. The LSCDG will run a Leadership Programme with Skills for Care.",
        DIRECTOR_ASC,
        [LSCDG, SKILLS_FOR_CARE],
        date(2021, 12, 31),
    ),
    _rec(
        13,
        "Upskilling of staff",
        "That care workers be supported to gain new skills and qualifications, with training "
        "available online where classes cannot run.",
        "accepted",
        "Accepted, as part of the LSCDG training plan.",
        DIRECTOR_ASC,
        [LSCDG],
        date(2022, 3, 31),
    ),
    _rec(
        14,
        "Wellbeing of care workers",
        "That the wellbeing support offered to Council staff during the pandemic be extended "
        "to the staff of commissioned care providers.",
        "partly_accepted",
        "Partly accepted. Providers' staff can use the regional wellbeing resources; the "
        "Council's employee assistance programme is for its own staff under its contract.",
        DIRECTOR_ASC,
        [LEICESTER],
        date(2021, 9, 30),
    ),
    _rec(
        15,
        "Challenging perceptions",
        "That the Council and its partners challenge negative perceptions of care work and "
        "promote it as a skilled and valued career.",
        "accepted",
        "Accepted. This will be linked with the career pathway work.",
        DIRECTOR_ASC,
        [LSCDG, SKILLS_FOR_CARE, LEICESTER],
        date(2022, 3, 31),
    ),
    _rec(
        16,
        "Reporting progress",
        "That progress on these recommendations be reported to the Commission.",
        "accepted",
        "Accepted. The Director of Adult Social Care and Commissioning will report progress "
        "to the Commission, with updates from the LSCDG.",
        DIRECTOR_ASC,
        [LEICESTER],
        date(2021, 11, 30),
    ),
]

WDTU_RECOMMENDATIONS = [
    _rec(
        "R1",
        "Partnership Agreement",
        "That the Partnership Agreement with Cardiff Council be completed and its governance "
        "arrangements reported to the Committee.",
        "accepted",
        "Accepted. The Director of Social Services will enter into the Partnership Agreement "
        "under the authority delegated by Cabinet (minute C129, resolution (4)) and report "
        "its governance arrangements to the Committee.",
        VALE_DIRECTOR,
        [VALE, CARDIFF, WDTU],
        date(2019, 3, 31),
        directorate="Social Services",
        decision_maker="Cabinet Member for Social Care and Health",
        expected_outcome="The unit governed jointly by both councils, with clear lines of "
        "accountability.",
    ),
    _rec(
        "R2",
        "Regional Manager",
        "That the post of Regional Manager be filled and a single management structure be in "
        "place for the unit.",
        "accepted",
        "Accepted. Cardiff Council, as host, will recruit to the post.",
        VALE_DIRECTOR,
        [WDTU, CARDIFF],
        date(2019, 3, 31),
        directorate="Social Services",
        decision_maker="Cabinet Member for Social Care and Health",
    ),
    _rec(
        "R3",
        "Reporting on the core business functions",
        "That the unit report to the Committee each year on its work under each of its four "
        "core business functions.",
        "accepted",
        "Accepted. The first annual report will cover 2018/19.",
        VALE_DIRECTOR,
        [WDTU],
        date(2020, 3, 31),
        directorate="Social Services",
        decision_maker="Cabinet Member for Social Care and Health",
    ),
    _rec(
        "R4",
        "Practice learning for students",
        "That the number of Practice Learning Opportunities for Students in the Vale of "
        "Glamorgan be kept at least at the level before the unit was set up.",
        "partly_accepted",
        "Partly accepted. The unit will aim to keep placements at that level, but the number "
        "depends on the teams able to take students each year.",
        VALE_DIRECTOR,
        [WDTU, VALE],
        date(2019, 9, 30),
        directorate="Social Services",
        decision_maker="Cabinet Member for Social Care and Health",
        expected_outcome="At least as many student placements in the Vale each year as "
        "before the unit.",
    ),
    _rec(
        "R5",
        "Assessment for Vale providers",
        "That care providers in the Vale of Glamorgan keep access to Qualification & Credit "
        "Framework (QCF) Assessment through the unit.",
        "noted",
        "Noted. QCF Assessment remains one of the unit's four core business functions; "
        "providers' access will follow the regional training plan.",
        VALE_DIRECTOR,
        [WDTU],
        None,
        directorate="Social Services",
        decision_maker="Cabinet Member for Social Care and Health",
    ),
]

CARERS_RECOMMENDATIONS = [
    _rec(
        1,
        "Carers' assessments",
        "That every unpaid carer known to adult social care be offered a carer's assessment "
        "within four weeks.",
        "awaiting",
        "",
        DIRECTOR_ASC,
        [LEICESTER],
        None,
    ),
    _rec(
        2,
        "Breaks for carers",
        "That short breaks for unpaid carers be restored to the level before the pandemic.",
        "awaiting",
        "",
        DIRECTOR_ASC,
        [LEICESTER],
        None,
    ),
]

REVIEWS: list[dict] = [
    {
        "committee": ASC_COMMISSION,
        "title": WORKFORCE_REVIEW,
        "report_title": REPORT_TITLE,
        "summary": (
            "A task group of the Adult Social Care Scrutiny Commission, led by the Vice "
            "Chair, looked at the external social care workforce: recruitment, retention, "
            "training and the quality of care. Much of the response placed responsibility "
            "upon the Leicester/shire Social Care Development Group (LSCDG)."
        ),
        "lead_member": "Councillor Helen Marsh, Vice Chair",
        "status": "monitoring",
        "published": True,
        "started_on": date(2019, 10, 1),
        "report_agreed_on": date(2020, 11, 19),
        "response_received_on": date(2021, 1, 19),
        "response_meeting": ASC_JAN_2021,
        "recommendations": WORKFORCE_RECOMMENDATIONS,
    },
    {
        "committee": ASC_COMMISSION,
        "title": CARERS_REVIEW,
        "report_title": "",
        "summary": (
            "A draft review of the support given to unpaid carers since the pandemic; its "
            "recommendations are not yet agreed."
        ),
        "lead_member": "Councillor Alex Morgan, Chair",
        "status": "in_progress",
        "published": False,
        "started_on": date(2021, 9, 1),
        "report_agreed_on": None,
        "response_received_on": None,
        "response_meeting": None,
        "recommendations": CARERS_RECOMMENDATIONS,
    },
    {
        "committee": HLSC_COMMITTEE,
        "title": WDTU_REVIEW,
        "report_title": "Review of the implementation of the regional Workforce Development "
        "Training Unit",
        "summary": (
            "Set up after the Committee considered the reference from Cabinet (minute C129) "
            "on 4 December 2017, to follow the setting up of the regional Workforce "
            "Development Training Unit hosted by Cardiff Council."
        ),
        "lead_member": "Councillor Bethan Lloyd, Chair",
        "status": "monitoring",
        "published": True,
        "started_on": date(2018, 3, 5),
        "report_agreed_on": date(2018, 10, 1),
        "response_received_on": date(2018, 12, 10),
        "response_meeting": HLSC_DEC_2018,
        "recommendations": WDTU_RECOMMENDATIONS,
    },
]

# ---------------------------------------------------------------------------------------
# The Cabinet decision referred to scrutiny
# ---------------------------------------------------------------------------------------

DECISIONS: list[dict] = [
    {
        "decided_by": VALE_CABINET,
        "minute_number": "C129",
        "decided_on": date(2017, 11, 6),
        "title": C129_TITLE,
        "summary": C129_SUMMARY,
        "referred_to": HLSC_COMMITTEE,
        "referred_to_item": (HLSC_DEC_2017, 8),
        "resolutions": C129_RESOLUTIONS,
        "reasons": C129_REASONS,
    },
]

# ---------------------------------------------------------------------------------------
# What meetings agreed
# ---------------------------------------------------------------------------------------

AGREED_ACTIONS: list[dict] = [
    {
        "meeting": ASC_MAY_2021,
        "item": 7,
        "review": (ASC_COMMISSION, WORKFORCE_REVIEW),
        "text": AGREED_DETAILED_UPDATE,
        "falls_to": DIRECTOR_ASC,
        "falls_to_organisation": LEICESTER,
        "due_on": None,
        "due_meeting": None,
        "delivered_on": date(2021, 11, 2),
        "delivered_meeting": ASC_NOV_2021,
    },
    {
        "meeting": ASC_NOV_2021,
        "item": 5,
        "review": (ASC_COMMISSION, WORKFORCE_REVIEW),
        "text": "That a further update on the recommendations that remain open be brought to "
        "the Commission in six months’ time.",
        "falls_to": DIRECTOR_ASC,
        "falls_to_organisation": LEICESTER,
        "due_on": date(2022, 5, 31),
        "due_meeting": None,
        "delivered_on": None,
        "delivered_meeting": None,
    },
    {
        "meeting": HLSC_DEC_2018,
        "item": 5,
        "review": (HLSC_COMMITTEE, WDTU_REVIEW),
        "text": "That a progress report on the review's recommendations be brought to the "
        "Committee in six months.",
        "falls_to": WDTU_MANAGER,
        "falls_to_organisation": WDTU,
        "due_on": date(2019, 6, 30),
        "due_meeting": None,
        "delivered_on": date(2019, 7, 8),
        "delivered_meeting": HLSC_JUL_2019,
    },
]

# ---------------------------------------------------------------------------------------
# Progress updates, oldest first. Only the verbal update of 25 May 2021 and the Director's
# remarks there are from the seed; the written ones are invented history. Entries:
# (reference, what was said, new status, revised target date, reason or outcome).
# ---------------------------------------------------------------------------------------


def _entry(reference, text, new_status="", revised_target_date=None, reason=""):
    return {
        "reference": str(reference),
        "text": text,
        "new_status": new_status,
        "revised_target_date": revised_target_date,
        "reason": reason,
    }


UPDATES: list[dict] = [
    {
        "review": (ASC_COMMISSION, WORKFORCE_REVIEW),
        "given_on": date(2021, 3, 16),
        "kind": "written",
        "organisation": LEICESTER,
        "given_by_role": DIRECTOR_ASC,
        "item": None,
        "recorded_by": "officer",
        "summary": (
            "A written update to members of the Commission between meetings, following the "
            "Executive response of 19 January 2021."
        ),
        "entries": [
            _entry(
                1,
                "A care awards event is planned with the LSCDG for the autumn, online if need be.",
                "on_track",
            ),
            _entry(
                2,
                "Workforce costs, including pay, are part of the cost of care exercise for "
                "2022/23 fee rates.",
                "on_track",
            ),
            _entry(
                4,
                "The LSCDG has commissioned a report on career pathways; it is expected in May.",
                "on_track",
            ),
            _entry(
                9,
                "The career pathway will follow from the LSCDG's report on career pathways.",
                "on_track",
            ),
            _entry(
                10,
                "Work on local workforce plans has not yet started.",
                "slipped",
                date(2022, 3, 31),
                "Commissioning staff who would lead the local workforce plans were redeployed "
                "to support care homes through the third wave of the pandemic.",
            ),
            _entry(
                16,
                "An update from the LSCDG has been asked for at the Commission's next meeting.",
                "on_track",
            ),
        ],
    },
    {
        "review": (ASC_COMMISSION, WORKFORCE_REVIEW),
        "given_on": date(2021, 4, 20),
        "kind": "written",
        "organisation": LSCDG,
        "given_by_role": LSCDG_REPRESENTATIVE,
        "item": None,
        "recorded_by": "partner",
        "summary": "A short written note from the LSCDG ahead of its verbal update in May.",
        "entries": [
            _entry(
                5,
                "This recommendation will go to the LSCDG sub regional workforce group.",
                "paused",
                reason="Waiting for the sub regional workforce group, due to meet in June.",
            ),
            _entry(
                8,
                "Inspire to Care Programme workshops with schools and colleges have restarted "
                "online.",
                "on_track",
            ),
            _entry(11, "The training plan has moved online.", "on_track"),
            _entry(12, "The first Leadership Programme has run.", "on_track"),
        ],
    },
    {
        "review": (ASC_COMMISSION, WORKFORCE_REVIEW),
        "given_on": date(2021, 5, 25),
        "kind": "verbal",
        "organisation": LSCDG,
        "given_by_role": LSCDG_REPRESENTATIVE,
        "item": (ASC_MAY_2021, 7),
        "recorded_by": "democratic",
        "summary": "\n\n".join(
            [MINUTE_REPRESENTATIVE, "Members noted that:\n" + _bullets(MINUTE_NOTED)]
        ),
        "entries": [
            _entry(4, POINT_4),
            _entry(5, POINT_5[0].upper() + POINT_5[1:]),
            # The minute ends this point with a comma; a full stop reads better on its own.
            _entry(8, POINT_8[0].upper() + POINT_8[1:-1] + ".", "on_track"),
            _entry(10, POINT_10[0].upper() + POINT_10[1:]),
            _entry(11, POINTS_11_12_13, "on_track"),
            _entry(12, POINTS_11_12_13, "on_track"),
            _entry(13, POINTS_11_12_13, "on_track"),
            _entry(15, POINT_15[0].upper() + POINT_15[1:], "on_track"),
        ],
    },
    {
        "review": (ASC_COMMISSION, WORKFORCE_REVIEW),
        "given_on": date(2021, 5, 25),
        "kind": "verbal",
        "organisation": LEICESTER,
        "given_by_role": DIRECTOR_ASC,
        "item": (ASC_MAY_2021, 7),
        "recorded_by": "democratic",
        "summary": MINUTE_DIRECTOR,
        "entries": [
            _entry(
                16,
                "A number of other actions within the report were still being worked "
                "through; a more detailed update to be brought to a future meeting, including "
                "details of the report around the career pathway which had only just been "
                "published.",
            ),
        ],
    },
    {
        "review": (ASC_COMMISSION, WORKFORCE_REVIEW),
        "given_on": date(2021, 11, 2),
        "kind": "written",
        "organisation": LEICESTER,
        "given_by_role": DIRECTOR_ASC,
        "item": (ASC_NOV_2021, 5),
        "recorded_by": "democratic",
        "summary": (
            "The detailed update report the Commission asked for on 25 May 2021, prepared "
            "with the LSCDG."
        ),
        "entries": [
            _entry(
                4,
                "The report on career pathways has been worked through with providers; a "
                "retention survey of care workers who left in 2021 is under way.",
                "on_track",
            ),
            _entry(
                5,
                "The sub regional workforce group agreed in June to take this recommendation "
                "forward.",
                "slipped",
                date(2022, 6, 30),
                "Scoping with community and voluntary organisations has taken longer than "
                "planned while providers dealt with staff shortages.",
            ),
            _entry(
                9,
                "The career pathway, published in May, is being promoted to providers.",
                "on_track",
            ),
            _entry(
                10,
                "Each of the three local authorities has agreed an action plan; they are "
                "being brought together into one.",
                "on_track",
            ),
            _entry(
                11,
                "Accreditation of workforce training, as members suggested in May, is being "
                "explored with Skills for Care.",
            ),
            _entry(
                12,
                "The LSCDG became a provider of the Leadership Programme.",
                "achieved",
                reason="The LSCDG is now a provider of the Leadership Programme for two "
                "years; 38 managers from commissioned services completed it in 2021, paid "
                "for through the workforce development fund.",
            ),
            _entry(
                16,
                "This report is the detailed update the Commission asked for on 25 May 2021.",
            ),
        ],
    },
    {
        "review": (ASC_COMMISSION, WORKFORCE_REVIEW),
        "given_on": date(2021, 11, 2),
        "kind": "written",
        "organisation": LEICESTER,
        "given_by_role": DIRECTOR_ASC,
        "item": (ASC_NOV_2021, 8),
        "recorded_by": "democratic",
        "summary": "Considered in private: providers' cost information.",
        "entries": [
            _entry(
                2,
                "Providers' cost returns show pay below the Real Living Wage in most home care "
                "providers.",
                "paused",
                reason="Paused until the fee-setting exercise for 2022/23 ends.",
            ),
        ],
    },
    {
        "review": (HLSC_COMMITTEE, WDTU_REVIEW),
        "given_on": date(2019, 7, 8),
        "kind": "written",
        "organisation": WDTU,
        "given_by_role": WDTU_MANAGER,
        "item": (HLSC_JUL_2019, 6),
        "recorded_by": "admin",
        "summary": "The unit's first progress report to the Committee.",
        "entries": [
            _entry(
                "R1",
                "The Partnership Agreement has been signed by both councils.",
                "achieved",
                reason="The Partnership Agreement was signed in February 2019; a joint "
                "management board of both councils oversees the unit.",
            ),
            _entry(
                "R2",
                "The Regional Manager is in post.",
                "achieved",
                reason="The Regional Manager took up post in January 2019 and leads one "
                "management structure for the unit.",
            ),
            _entry(
                "R3",
                "The first annual report, by core business function, will come in spring 2020.",
                "on_track",
            ),
            _entry(
                "R4",
                "Placements for students fell in 2018/19.",
                "slipped",
                date(2020, 3, 31),
                "Two Vale teams could not take students while they were restructured.",
            ),
            _entry("R5", "QCF Assessment continues for Vale providers."),
        ],
    },
]

# ---------------------------------------------------------------------------------------
# A council's own status words: the Vale of Glamorgan assesses its recommendations on a
# numbered scale (invented for the demo, in the shape of Welsh councils' trackers), in
# English and Welsh. Not started and superseded keep our words.
# ---------------------------------------------------------------------------------------

STATUS_WORDS: dict[str, list[tuple[str, str, str]]] = {
    VALE: [
        ("achieved", "1 Fully achieved", "1 Wedi’i gyflawni’n llawn"),
        ("on_track", "2 Partially achieved", "2 Wedi’i gyflawni’n rhannol"),
        ("slipped", "3 Limited progress", "3 Cynnydd cyfyngedig"),
        ("paused", "3 Limited progress", "3 Cynnydd cyfyngedig"),
        ("not_achieved", "4 Not achieved", "4 Heb ei gyflawni"),
    ],
}

# ---------------------------------------------------------------------------------------
# Demo accounts (invented people); every one has the password DEMO_PASSWORD.
# ---------------------------------------------------------------------------------------

DEMO_PASSWORD = "scrutiny-demo"

ACCOUNTS: list[dict] = [
    {
        "username": "councillor",
        "first_name": "Alex",
        "last_name": "Morgan",
        "job_title": "Councillor; Chair of the Adult Social Care Scrutiny Commission",
        "role": "Councillor",
        "organisation": LEICESTER,
    },
    {
        "username": "officer",
        "first_name": "Chris",
        "last_name": "Lowe",
        "job_title": "Workforce Development Manager, Adult Social Care",
        "role": "Officer",
        "organisation": LEICESTER,
    },
    {
        "username": "partner",
        "first_name": "Jo",
        "last_name": "Whitfield",
        "job_title": LSCDG_REPRESENTATIVE,
        "role": "Partner representative",
        "organisation": LSCDG,
    },
    {
        "username": "democratic",
        "first_name": "Sam",
        "last_name": "Okafor",
        "job_title": "Scrutiny Support Officer, Democratic Services",
        "role": "Democratic services",
        "organisation": LEICESTER,
    },
    {
        "username": "admin",
        "first_name": "Dana",
        "last_name": "Reid",
        "job_title": "System administrator",
        "role": None,
        "organisation": None,
        "superuser": True,
    },
]

"""Top applicants of the page's scope and industry."""

from pipeline.render.sections.ranking import ranking_section

SECTION = ranking_section("applicants", "applicants", ("主要申请人", "Top applicants"),
                          ("申请人 Applicant", "申请量 Applications"), sheet="top_applicants", limit=15)

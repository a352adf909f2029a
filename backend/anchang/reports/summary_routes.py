"""HTTP of the summaries of weeks, months and quarters (周报 / 月报 / 季报): the summary as JSON, `.xlsx`
and `.pdf`, its sections' text (If-Match its ETag), its submission and approval. Registered on the
reports' router; the downloads come first, as `{period}` alone would take `2026-11.xlsx` too."""

from typing import Annotated

import anyio
from fastapi import APIRouter, Depends, Path, Response

from anchang.core.access import ProjectAccess, project_role
from anchang.core.db import ReaderDep, SessionDep
from anchang.core.downloads import XLSX, attachment
from anchang.core.errors import Forbidden, PreconditionFailed, responses
from anchang.core.etag import IfMatch, expected_version, set_etag
from anchang.deals.service import PdfUnavailable
from anchang.org.service import ProjectNotFound
from anchang.reports import policy, summaries
from anchang.reports import summary_schemas as schemas
from anchang.reports.summary_export import summary_pdf, summary_workbook

Readers = Annotated[ProjectAccess, Depends(project_role(*policy.SUMMARY_READERS))]
Writers = Annotated[ProjectAccess, Depends(project_role(*policy.SUMMARY_WRITERS))]
Approvers = Annotated[ProjectAccess, Depends(project_role(*policy.SUMMARY_APPROVERS))]
PeriodKey = Annotated[
    str,
    Path(
        max_length=10,
        description="A week `2026-W48` (ISO, Monday to Sunday), a month `2026-11` or a quarter `2026-Q4` "
        "of the project's calendar",
    ),
]
BASE = "/projects/{project_id}/reports/summaries/{period}"
ON_PROJECT = responses(ProjectNotFound, Forbidden)
CHANGE = responses(ProjectNotFound, Forbidden, PreconditionFailed, summaries.SummaryImmutable)
PDF = "application/pdf"


def _shown(response: Response, summary: schemas.Summary) -> schemas.Summary:
    set_etag(response, summary.version)
    return summary


def summary_routes(router: APIRouter) -> None:
    """Add the summaries' routes to `router`."""

    @router.get(
        f"{BASE}.xlsx",
        response_class=Response,
        responses={200: {"content": {XLSX: {}}, "description": "The summary as a workbook"}, **ON_PROJECT},
        summary="A summary as a workbook: figures, sections and campaigns sheets",
    )
    async def summary_as_workbook(
        session: SessionDep, reader: ReaderDep, access: Readers, period: PeriodKey
    ) -> Response:
        found = await summaries.summary(session, reader, access, period)
        return attachment(summary_workbook(found), f"summary-{access.project.code}-{found.period}.xlsx")

    @router.get(
        f"{BASE}.pdf",
        response_class=Response,
        responses={
            200: {"content": {PDF: {}}, "description": "The summary on A4, in Chinese"},
            **responses(ProjectNotFound, Forbidden, PdfUnavailable),
        },
        summary="A summary as a PDF (A4, Chinese)",
    )
    async def summary_as_pdf(
        session: SessionDep, reader: ReaderDep, access: Readers, period: PeriodKey
    ) -> Response:
        found = await summaries.summary(session, reader, access, period)
        content = await anyio.to_thread.run_sync(summary_pdf, found, access.project.name)
        return attachment(content, f"summary-{access.project.code}-{found.period}.pdf", PDF)

    @router.get(
        BASE,
        responses=ON_PROJECT,
        summary="The summary of a week, month or quarter (周报 / 月报 / 季报): figures against target and "
        "the previous period, and the sections (drafted by the server, completed by the supervisor)",
        response_model=schemas.Summary,
    )
    async def get_summary(
        session: SessionDep, reader: ReaderDep, access: Readers, response: Response, period: PeriodKey
    ) -> schemas.Summary:
        return _shown(response, await summaries.summary(session, reader, access, period))

    @router.put(
        BASE,
        responses=CHANGE,
        summary='Save sections\' text of a summary (until it is approved); If-Match its ETag ("v0" before '
        "the first save)",
        response_model=schemas.Summary,
    )
    async def save_summary(
        session: SessionDep,
        reader: ReaderDep,
        access: Writers,
        response: Response,
        period: PeriodKey,
        body: schemas.SummaryUpdate,
        if_match: IfMatch = None,
    ) -> schemas.Summary:
        texts = {str(key): text for key, text in body.sections.items()}
        expected = expected_version(if_match)
        saved = await summaries.save_sections(session, reader, access, period, texts, expected)
        return _shown(response, saved)

    @router.post(
        f"{BASE}/submit",
        responses=responses(
            ProjectNotFound,
            Forbidden,
            PreconditionFailed,
            summaries.SummaryImmutable,
            summaries.SummaryNotDraft,
        ),
        summary="Submit a summary: its figures are stored as they stand now",
        response_model=schemas.Summary,
    )
    async def submit_summary(
        session: SessionDep,
        reader: ReaderDep,
        access: Writers,
        response: Response,
        period: PeriodKey,
        if_match: IfMatch = None,
    ) -> schemas.Summary:
        done = await summaries.submit_summary(session, reader, access, period, expected_version(if_match))
        return _shown(response, done)

    @router.post(
        f"{BASE}/approve",
        responses=responses(
            ProjectNotFound,
            Forbidden,
            PreconditionFailed,
            summaries.SummaryImmutable,
            summaries.SummaryNotSubmitted,
        ),
        summary="Approve a submitted summary (project manager); it never changes afterwards",
        response_model=schemas.Summary,
    )
    async def approve_summary(
        session: SessionDep,
        reader: ReaderDep,
        access: Approvers,
        response: Response,
        period: PeriodKey,
        if_match: IfMatch = None,
    ) -> schemas.Summary:
        done = await summaries.approve_summary(session, reader, access, period, expected_version(if_match))
        return _shown(response, done)

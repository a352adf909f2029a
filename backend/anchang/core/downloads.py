"""Files a route hands over to be saved (exports, workbooks): their media type and the one way to send
them, with the filename the browser saves them under."""

from fastapi import Response

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def attachment(content: bytes, filename: str, media_type: str = XLSX) -> Response:
    """`content` as a download named `filename` (an `.xlsx` workbook unless said otherwise)."""
    return Response(
        content, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )

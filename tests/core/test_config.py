"""Settings refuse what would be unsafe in production and accept the URLs hosts hand out."""

import pytest
from pydantic import ValidationError

from anchang.core.config import Settings


class TestSettings:
    def test_production_refuses_the_development_secret(self) -> None:
        with pytest.raises(ValidationError, match="SECRET_KEY"):
            Settings(anchang_env="production", database_url="postgresql://db/anchang")
        own = Settings(anchang_env="production", secret_key="s" * 40, database_url="postgresql://db/anchang")
        assert own.is_production

    @pytest.mark.parametrize(
        "given",
        [
            "postgresql://u:p@db:5432/anchang",
            "postgres://u:p@db:5432/anchang",
            "postgresql+psycopg://u:p@db:5432/anchang",
        ],
    )
    def test_plain_postgresql_urls_use_the_psycopg_driver(self, given: str) -> None:
        assert Settings(database_url=given).database_url == "postgresql+psycopg://u:p@db:5432/anchang"

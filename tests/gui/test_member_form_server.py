"""The member form for a township login on the PostgreSQL server (docs/server-rights.md): it reads
the ID number and phone masked only, and still saves an edit of another field, leaving the full
number as it is; a changed phone is written."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from forms.member_form import MemberForm
from models.services import accounts
from tests.conftest import pg_url
from tests.factories import member_values
from tests.test_server_rights import PASSWORD, _own_login, server  # noqa: F401  (the fixture)

pytestmark = pytest.mark.postgres


def test_a_township_login_edits_a_member_in_the_form(qtbot, server, monkeypatch):  # noqa: F811
    login = _own_login(server, "tf", "乡镇办事员", ["--scope", "东城镇党委"], monkeypatch)
    db = accounts.open_as_login(server.url(), login, PASSWORD)
    try:
        with db.session() as s:
            actor = accounts.server_login(s)
        form = MemberForm(db, actor, 1)
        qtbot.addWidget(form)
        assert "*" in form.fields["id_number"].value() and "*" in form.fields["phone"].value()
        assert form.validate() == []  # the masked number is kept, not checked
        form.fields["address"].editor.setText("东城镇新址")
        assert form.save() is True
        form = MemberForm(db, actor, 1)
        qtbot.addWidget(form)
        form.fields["phone"].editor.setText("13911112222")
        assert form.save() is True
    finally:
        db.dispose()
    engine = create_engine(pg_url(server.name))
    with engine.connect() as conn:
        row = conn.execute(text("SELECT id_number, phone, address FROM member WHERE id = 1")).one()
    engine.dispose()
    assert row == (member_values(1)["id_number"], "13911112222", "东城镇新址")

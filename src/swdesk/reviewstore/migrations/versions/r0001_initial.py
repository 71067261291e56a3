"""The reviewer's database: office, trust, applications, members, checks, decisions, audit.

Revision ID: r0001
Revises: (none)
Create Date: 2026-11-28

Hand-written from autogenerate output. Enum columns are VARCHAR(32) with a CHECK listing
the values as they are today (frozen here: a new value needs a new migration).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "r0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STAGES = ("first", "final")
STATES = (
    "pending",
    "first_approved",
    "first_rejected",
    "final_approved",
    "final_rejected",
    "superseded",
)
OUTCOMES = ("approved", "rejected")
LEVEL_CHECK = "level IN ('county', 'city', 'province')"


def _one_of(table: str, column: str, values: Sequence[str]) -> sa.CheckConstraint:
    listed = ", ".join(f"'{value}'" for value in values)
    return sa.CheckConstraint(f"{column} IN ({listed})", name=op.f(f"ck_{table}_{column}"))


def _text(name: str, length: int) -> sa.Column[str]:
    return sa.Column(name, sa.String(length=length), nullable=False)


def _application_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["application_id"],
        ["applications.id"],
        name=op.f(f"fk_{table}_application_id_applications"),
        ondelete="CASCADE",
    )


def _index(table: str, *columns: str, name: str | None = None) -> None:
    op.create_index(name or op.f(f"ix_{table}_{'_'.join(columns)}"), table, list(columns))


def upgrade() -> None:
    op.create_table(
        "office",
        sa.Column("id", sa.Integer(), nullable=False),
        _text("name", 200),
        _text("region", 40),
        _text("level", 32),
        _text("rule_pack_id", 40),
        _text("fingerprint", 64),
        sa.Column("public_key", sa.LargeBinary(), nullable=False),
        sa.Column("encrypted_key", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(LEVEL_CHECK, name=op.f("ck_office_level")),
        sa.CheckConstraint("id = 1", name=op.f("ck_office_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_office")),
    )
    op.create_table(
        "trust_files",
        sa.Column("id", sa.Integer(), nullable=False),
        _text("issuer_fingerprint", 64),
        _text("issuer_name", 200),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        _text("digest", 64),
        sa.Column("raw", sa.LargeBinary(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trust_files")),
        sa.UniqueConstraint("digest", name=op.f("uq_trust_files_digest")),
        sa.UniqueConstraint(
            "issuer_fingerprint",
            "sequence",
            name=op.f("uq_trust_files_issuer_fingerprint_sequence"),
        ),
    )
    op.create_table(
        "trusted_offices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("trust_file_id", sa.Integer(), nullable=False),
        _text("fingerprint", 64),
        _text("name", 200),
        _text("region", 40),
        _text("level", 32),
        sa.Column("public_key", sa.LargeBinary(), nullable=False),
        sa.CheckConstraint(LEVEL_CHECK, name=op.f("ck_trusted_offices_level")),
        sa.ForeignKeyConstraint(
            ["trust_file_id"],
            ["trust_files.id"],
            name=op.f("fk_trusted_offices_trust_file_id_trust_files"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trusted_offices")),
        sa.UniqueConstraint("fingerprint", name=op.f("uq_trusted_offices_fingerprint")),
    )
    _index("trusted_offices", "trust_file_id")

    op.create_table(
        "applications",
        sa.Column("id", sa.Integer(), nullable=False),
        _text("bundle_id", 64),
        _text("uid", 36),
        sa.Column("version", sa.Integer(), nullable=False),
        _text("content_digest", 64),
        _text("stored_name", 100),
        _text("original_name", 255),
        sa.Column("file_size", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        _text("stage", 32),
        _text("state", 32),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        _text("kind", 32),
        _text("applicant_name", 60),
        _text("id_number", 18),
        _text("id_reversed", 18),
        _text("county", 6),
        _text("certificate_level", 32),
        sa.Column("is_late", sa.Boolean(), nullable=False),
        sa.Column("hours_counted_tenths", sa.Integer(), nullable=False),
        sa.Column("hours_required_tenths", sa.Integer(), nullable=False),
        sa.Column("registration_valid_to", sa.Date(), nullable=True),
        sa.Column("checks_failed", sa.Integer(), nullable=False),
        sa.Column("previous_id", sa.Integer(), nullable=True),
        sa.Column("resubmission_of_uid", sa.String(length=36), nullable=True),
        sa.Column("resubmission_of_id", sa.Integer(), nullable=True),
        _one_of("applications", "stage", STAGES),
        _one_of("applications", "state", STATES),
        sa.ForeignKeyConstraint(
            ["previous_id"],
            ["applications.id"],
            name=op.f("fk_applications_previous_id_applications"),
        ),
        sa.ForeignKeyConstraint(
            ["resubmission_of_id"],
            ["applications.id"],
            name=op.f("fk_applications_resubmission_of_id_applications"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_applications")),
        sa.UniqueConstraint("bundle_id", name=op.f("uq_applications_bundle_id")),
    )
    for column in (
        "applicant_name",
        "county",
        "hours_counted_tenths",
        "id_number",
        "id_reversed",
        "received_at",
        "resubmission_of_uid",
    ):
        _index("applications", column)
    _index("applications", "state", "received_at", name="ix_applications_state_received_at")
    _index("applications", "uid", "version", name="ix_applications_uid_version")

    op.create_table(
        "application_data",
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("application_json", sa.Text(), nullable=False),
        _application_fk("application_data"),
        sa.PrimaryKeyConstraint("application_id", name=op.f("pk_application_data")),
    )
    op.create_table(
        "members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        _text("name", 255),
        _text("role", 32),
        sa.Column("size", sa.Integer(), nullable=False),
        _text("sha256", 64),
        _text("media_type", 64),
        _application_fk("members"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_members")),
        sa.UniqueConstraint("application_id", "name", name=op.f("uq_members_application_id_name")),
    )
    op.create_table(
        "check_results",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        _text("code", 40),
        sa.Column("passed", sa.Boolean(), nullable=False),
        sa.Column("params", sa.Text(), nullable=False),
        _application_fk("check_results"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_check_results")),
        sa.UniqueConstraint(
            "application_id", "code", name=op.f("uq_check_results_application_id_code")
        ),
    )
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("issued_here", sa.Boolean(), nullable=False),
        _text("stage", 32),
        _text("outcome", 32),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("late_reason", sa.Text(), nullable=False),
        sa.Column("registration_from", sa.Date(), nullable=True),
        sa.Column("registration_to", sa.Date(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        _text("previous_hash", 64),
        _text("digest", 64),
        sa.Column("raw", sa.LargeBinary(), nullable=False),
        _text("office_fingerprint", 64),
        _text("office_name", 200),
        _text("office_level", 32),
        sa.Column("exported_at", sa.DateTime(), nullable=True),
        _one_of("decisions", "stage", STAGES),
        _one_of("decisions", "outcome", OUTCOMES),
        _application_fk("decisions"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decisions")),
        sa.UniqueConstraint("digest", name=op.f("uq_decisions_digest")),
        sa.UniqueConstraint(
            "office_fingerprint", "sequence", name=op.f("uq_decisions_office_fingerprint_sequence")
        ),
    )
    _index("decisions", "application_id")

    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        _text("at", 40),
        _text("actor", 64),
        _text("action", 40),
        sa.Column("application_id", sa.Integer(), nullable=True),
        sa.Column("details", sa.Text(), nullable=False),
        _text("prev_hash", 64),
        _text("hash", 64),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_log")),
    )
    _index("audit_log", "application_id")


def downgrade() -> None:
    for table in (
        "audit_log",
        "decisions",
        "check_results",
        "members",
        "application_data",
        "applications",
        "trusted_offices",
        "trust_files",
        "office",
    ):
        op.drop_table(table)

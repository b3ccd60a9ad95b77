"""Leadership records of commune A for tests: counts of posts on 30/11/2023, a list of
leaders (counted), deputies."""

from binhdang.leadership.models import LeadershipPost
from binhdang.leadership.records import save_record
from binhdang.leadership.types import DEPUTIES, PEOPLE, POSTS


def make_post(world, unit=None, actor=None, **values):
    raw = {
        "as_of": "30/11/2023",
        "level": "commune",
        "body_kind": "peoples_committee",
        "body_name": "Ủy ban nhân dân xã Phú Linh",
        "post": "head",
        "total": "1",
        "women": "0",
        "ethnic_minority": "0",
    }
    raw.update(values)
    return save_record(
        actor=actor or world.reporter_a, rtype=POSTS, unit=unit or world.commune_a, raw=raw
    )


def make_leader(world, **values):
    raw = {
        "as_of": "30/11/2023",
        "level": "commune",
        "body_kind": "party_committee",
        "body_name": "Đảng ủy xã Phú Linh",
        "post": "deputy",
        "full_name": "Nguyễn Thị Hoa",
        "sex": "female",
        "ethnic_minority": True,
        "birth_year": "1982",
    }
    raw.update(values)
    return save_record(actor=world.head_a, rtype=PEOPLE, unit=world.commune_a, raw=raw)


def counted_post(world) -> LeadershipPost:
    """A count computed from commune A's list of leaders (not deleted by hand)."""
    make_leader(world)
    return LeadershipPost.objects.get(org_unit=world.commune_a, from_list=True)


def make_deputies(world):
    return save_record(
        actor=world.reporter_a,
        rtype=DEPUTIES,
        unit=world.commune_a,
        raw={"term": "2021-2026", "as_of": "30/11/2023", "level": "commune", "total": "25",
             "women": "8", "ethnic_minority": "20"},
    )  # fmt: skip

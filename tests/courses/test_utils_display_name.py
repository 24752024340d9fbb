import pytest

from courses.utils import display_name
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("last", "first", "expected"),
    [
        ("山田", "花子", "山田 花子"),
        ("Yamada", "Hanako", "Hanako Yamada"),
        ("", "花子", "花子"),
        ("ヤマダ", "", "ヤマダ"),
        ("", "", "hanako"),
    ],
)
def test_names_in_their_own_order(last, first, expected):
    user = UserFactory(username="hanako", last_name=last, first_name=first)
    assert display_name(user) == expected

import sys

from normalise import min_max_scale


def test_everything() -> None:
    data = [10.0, 20.0, 30.0]
    if min_max_scale(data) != [0.0, 0.5, 1.0] or data != [10.0, 20.0, 30.0]:
        sys.exit(1)
    try:
        if min_max_scale([]) != [] or min_max_scale([3.0, 3.0]) != [0.0, 0.0]:
            sys.exit(1)
    except ZeroDivisionError:
        sys.exit(1)

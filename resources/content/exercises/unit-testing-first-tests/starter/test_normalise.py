from normalise import min_max_scale


def test_returns_a_list() -> None:
    assert isinstance(min_max_scale([1.0, 2.0]), list)


# Add your tests below. Each one should check one behaviour from the docstring.

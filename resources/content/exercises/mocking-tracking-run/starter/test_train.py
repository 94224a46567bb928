from pathlib import Path

from train import train_and_log


def test_train_and_log(tmp_path: Path) -> None:
    # Talks to the real tracking server: it needs the network, it is slow, and every
    # run of the test suite adds a run to the team's experiment.
    loss = train_and_log(
        [1.0, 2.0, 3.0],
        [2.0, 4.0, 6.0],
        learning_rate=0.05,
        epochs=50,
        model_path=tmp_path / "model.json",
    )
    assert loss < 0.1

# fmt: off
def score(tenure,charges,calls):
    return 0.3*calls+0.01*charges-0.05*tenure

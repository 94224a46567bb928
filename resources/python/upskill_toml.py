# Upskill: prints a TOML file as JSON for the Ruff stand-in (src/checks/shimSources.ts).
import json
import sys

try:
    import tomllib
except ImportError:
    import tomli as tomllib

if sys.argv[1] == "--text":
    data = tomllib.loads(sys.argv[2])
else:
    with open(sys.argv[1], "rb") as f:
        data = tomllib.load(f)
print(json.dumps(data))

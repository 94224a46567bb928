# Upskill: runs an installed tool module as its console script would (src/checks/shimSources.ts).
import runpy
import site
import sys

module = sys.argv.pop(1)
sys.argv[0] = module
if module == "coverage":
    # On a runner, coverage leaves installed packages out of the report (they sit in the
    # interpreter's own scheme paths). Debian keeps its packages in dist-packages outside
    # those paths, so coverage would measure pytest itself and a --fail-under that passes
    # on GitHub would fail here; tell coverage where this interpreter's packages live.
    try:
        from coverage import inorout

        _third_party = inorout.add_third_party_paths

        def _with_site_packages(paths):
            _third_party(paths)
            for p in [*site.getsitepackages(), site.getusersitepackages()]:
                paths.add(p)

        inorout.add_third_party_paths = _with_site_packages
    except (ImportError, AttributeError):
        pass
runpy.run_module(module, run_name="__main__", alter_sys=True)

# Upskill: the one probe of an interpreter for Check Environment (src/core/environment.ts).
import json, os, platform, sys, sysconfig
import importlib.util, importlib.machinery
sys.path[:] = [p for p in sys.path if p not in ('', '.')]
try:
    import importlib.metadata as md
except ImportError:
    md = None
try:
    import site
    system_sites = [p for p in site.getsitepackages([sys.base_prefix]) if os.path.isdir(p)]
except Exception:
    system_sites = []
def found(name):
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False
def in_system(name):
    try:
        return importlib.machinery.PathFinder.find_spec(name, system_sites) is not None
    except (ImportError, ValueError):
        return False
def version(dist):
    try:
        return md.version(dist) if md else None
    except Exception:
        return None
packages = {}
for name, dist in json.loads(sys.argv[1]):
    ok = found(name)
    packages[name] = {'found': ok, 'version': version(dist) if ok else None, 'inSystemSite': in_system(name)}
print(json.dumps({
    'executable': sys.executable,
    'version': platform.python_version(),
    'prefix': sys.prefix,
    'basePrefix': getattr(sys, 'base_prefix', sys.prefix),
    'stdlib': sysconfig.get_path('stdlib'),
    'sitePaths': [p for p in sys.path if os.path.isdir(p) and ('site-packages' in p or 'dist-packages' in p)],
    'pip': found('pip'),
    'venv': found('venv'),
    'ensurepip': found('ensurepip'),
    'packages': packages,
}))

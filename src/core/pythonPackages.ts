// What a Python package is called where it is installed from: pip (PyPI), conda and Debian
// sometimes use another name than the one Python imports. Shared by the check engine's
// install messages and Check Environment's fixes.

/** Import names whose pip distribution has another name; the rest install under their own name. */
const PIP_NAMES: Readonly<Record<string, string>> = {
  sklearn: 'scikit-learn',
  yaml: 'PyYAML',
  PIL: 'Pillow',
  cv2: 'opencv-python',
  bs4: 'beautifulsoup4',
  dateutil: 'python-dateutil',
  pytest_mock: 'pytest-mock',
};

/** conda's package names where they differ from pip's. */
const CONDA_NAMES: Readonly<Record<string, string>> = {
  cv2: 'opencv',
  PyYAML: 'pyyaml',
  Pillow: 'pillow',
};

/** Debian's package for an import name where it is not python3-<name>. */
const DEBIAN_NAMES: Readonly<Record<string, string>> = {
  sklearn: 'python3-sklearn',
  PIL: 'python3-pil',
  cv2: 'python3-opencv',
  dateutil: 'python3-dateutil',
};

export function pipName(module: string): string {
  return PIP_NAMES[module] ?? module;
}

export function condaName(module: string): string {
  const pip = pipName(module);
  return CONDA_NAMES[module] ?? CONDA_NAMES[pip] ?? pip.toLowerCase();
}

export function debianName(module: string): string {
  return DEBIAN_NAMES[module] ?? `python3-${module.toLowerCase().replace(/_/g, '-')}`;
}

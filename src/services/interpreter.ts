// Chooses the learner's Python: the setting, then the Python extension's selection, then
// python3 and python on PATH. Checks always say which one ran and how it was chosen.

import * as vscode from 'vscode';
import { Settings } from '../constants';
import type { InterpreterCandidate, PythonInfo } from '../checks/types';
import { checksModule, pythonExtensionModule } from './lazy';

const PYTHON_EXTENSION_ID = 'ms-python.python';

export async function interpreterCandidates(resource?: vscode.Uri): Promise<InterpreterCandidate[]> {
  const out: InterpreterCandidate[] = [];
  const setting = vscode.workspace.getConfiguration(Settings.section, resource).get<string>(Settings.pythonPath, '').trim();
  if (setting) out.push({ path: setting, origin: 'setting upskill.pythonPath' });
  const fromExtension = await pythonExtensionInterpreter(resource);
  if (fromExtension) out.push({ path: fromExtension, origin: 'Python extension' });
  out.push({ path: 'python3', origin: 'PATH (python3)' }, { path: 'python', origin: 'PATH (python)' });
  return out;
}

/** The interpreter selected in the Python extension, if it is installed; never installs or prompts. */
async function pythonExtensionInterpreter(resource?: vscode.Uri): Promise<string | undefined> {
  if (!vscode.extensions.getExtension(PYTHON_EXTENSION_ID)) return undefined;
  try {
    // Loaded lazily: most sessions never need it.
    const { PythonExtension } = await pythonExtensionModule();
    const api = await PythonExtension.api();
    const envPath = api.environments.getActiveEnvironmentPath(resource);
    const env = await api.environments.resolveEnvironment(envPath);
    return env?.executable.uri?.fsPath;
  } catch {
    return undefined;
  }
}

/** Probing runs a process, so it is the check engine's (its bundle loads on first use). */
export async function findPython(resource?: vscode.Uri): Promise<PythonInfo> {
  const [{ resolvePython }, candidates] = await Promise.all([checksModule(), interpreterCandidates(resource)]);
  return resolvePython(candidates);
}

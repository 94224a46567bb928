// Where a save dialog opens: beside the learner's work (the first workspace folder), else in
// their home folder; never the file system root, where a relative Uri.file(name) lands.

import * as os from 'os';
import * as vscode from 'vscode';

export function defaultSaveUri(fileName: string): vscode.Uri {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir()), fileName);
}

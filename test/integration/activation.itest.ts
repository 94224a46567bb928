// In-host: the extension activates from its view and registers its commands.

import * as assert from 'assert';
import * as vscode from 'vscode';

describe('activation', () => {
  it('activates when the Upskill container opens and registers every command', async () => {
    const ext = vscode.extensions.getExtension('upskill.upskill');
    assert.ok(ext, 'upskill.upskill is installed');
    await vscode.commands.executeCommand('workbench.view.extension.upskill');
    await ext.activate();
    assert.ok(ext.isActive);
    const commands = await vscode.commands.getCommands(true);
    const contributed = (ext.packageJSON as { contributes: { commands: { command: string }[] } }).contributes.commands.map((c) => c.command);
    for (const id of contributed) assert.ok(commands.includes(id), `${id} is registered`);
  });
});

// The Skills tree and the webview views are registered when the extension activates, but
// what stands behind them (the catalog, the stores, the surfaces' code: src/workbench.ts)
// loads the first time VS Code asks one of them for something. These stand-ins take VS
// Code's calls and hand them on once the real provider is there.

import * as vscode from 'vscode';

/** A tree data provider whose real provider is made on the first getChildren. */
export class TreeOnFirstUse<T> implements vscode.TreeDataProvider<T>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<T | T[] | undefined | null | void>();
  readonly onDidChangeTreeData = this.changed.event;
  private real?: vscode.TreeDataProvider<T>;
  private forwarding?: vscode.Disposable;

  constructor(private readonly provider: () => Promise<vscode.TreeDataProvider<T>>) {}

  async getChildren(element?: T): Promise<T[]> {
    return (await (await this.ready()).getChildren(element)) ?? [];
  }

  // Elements come from the real provider's getChildren, so it is there for these.
  getTreeItem(element: T): vscode.TreeItem | Thenable<vscode.TreeItem> {
    return this.real!.getTreeItem(element);
  }

  getParent(element: T): vscode.ProviderResult<T> {
    return this.real?.getParent?.(element);
  }

  resolveTreeItem(item: vscode.TreeItem, element: T, token: vscode.CancellationToken): vscode.ProviderResult<vscode.TreeItem> {
    return this.real?.resolveTreeItem ? this.real.resolveTreeItem(item, element, token) : item;
  }

  private async ready(): Promise<vscode.TreeDataProvider<T>> {
    if (!this.real) {
      const real = await this.provider();
      if (!this.real) {
        this.real = real;
        this.forwarding = real.onDidChangeTreeData?.((e) => this.changed.fire(e));
      }
    }
    return this.real;
  }

  dispose(): void {
    this.forwarding?.dispose();
    this.changed.dispose();
  }
}

/** A webview view provider whose real provider is made when VS Code first resolves the view. */
export function webviewViewOnFirstUse(provider: () => Promise<vscode.WebviewViewProvider>): vscode.WebviewViewProvider {
  return {
    resolveWebviewView: async (view, context, token) => (await provider()).resolveWebviewView(view, context, token),
  };
}

/** A webview panel serializer (a panel restored after a reload) whose real one is made on first use. */
export function serializerOnFirstUse(serializer: () => Promise<vscode.WebviewPanelSerializer>): vscode.WebviewPanelSerializer {
  return {
    deserializeWebviewPanel: async (panel, state) => (await serializer()).deserializeWebviewPanel(panel, state),
  };
}

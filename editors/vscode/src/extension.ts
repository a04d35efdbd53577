// The copydesk extension starts `copydesk lsp` and lets VS Code's language
// client do the rest: diagnostics, quick fixes, "Fix all copydesk issues"
// (also on save with "editor.codeActionsOnSave": {"source.fixAll.copydesk":
// "explicit"}) and "Add to vocabulary".
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

// The settings the server reads (section "copydesk"); copydesk.path is the
// extension's own.
function serverSettings(): Record<string, unknown> {
  const c = vscode.workspace.getConfiguration('copydesk');
  return {
    configPath: c.get<string>('configPath', ''),
    lang: c.get<string>('lang', ''),
    categories: c.get<string[]>('categories', []),
    minSeverity: c.get<string>('minSeverity', ''),
    noVale: c.get<boolean>('noVale', false),
    valePath: c.get<string>('valePath', ''),
    debounceMs: c.get<number>('debounceMs', 40),
    valeDebounceMs: c.get<number>('valeDebounceMs', 1500),
    vocabulary: c.get<string>('vocabulary', ''),
    rulesUrl: c.get<string>('rulesUrl', ''),
  };
}

async function start(): Promise<void> {
  const command = vscode.workspace.getConfiguration('copydesk').get<string>('path', 'copydesk') || 'copydesk';
  const serverOptions: ServerOptions = { command, args: ['lsp'] };
  const languages = ['plaintext', 'markdown', 'html'];
  const clientOptions: LanguageClientOptions = {
    documentSelector: languages.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    initializationOptions: serverSettings(),
    // sends workspace/didChangeConfiguration with the "copydesk" section
    // whenever it changes
    synchronize: { configurationSection: 'copydesk' },
  };
  client = new LanguageClient('copydesk', 'copydesk', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (err) {
    client = undefined;
    void vscode.window.showErrorMessage(
      `copydesk: could not start "${command} lsp" (${String(err)}). Set copydesk.path to the copydesk binary.`,
    );
  }
}

async function stop(): Promise<void> {
  if (client) {
    const c = client;
    client = undefined;
    await c.stop();
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand('copydesk.restart', async () => {
      await stop();
      await start();
    }),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      // the other settings reach the running server; a new binary needs a restart
      if (e.affectsConfiguration('copydesk.path')) {
        await stop();
        await start();
      }
    }),
  );
  await start();
}

export function deactivate(): Promise<void> {
  return stop();
}
